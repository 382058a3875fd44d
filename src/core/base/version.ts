declare const __WAN_KEYFRAMES_VERSION__: string | undefined;

/** The tool's version, baked in by esbuild; 'dev' when running from compiled tests. */
export const TOOL_VERSION: string = typeof __WAN_KEYFRAMES_VERSION__ === 'string' ? __WAN_KEYFRAMES_VERSION__ : '0.0.0-dev';

export function userAgent(component = 'core'): string {
  return `wan-keyframes/${TOOL_VERSION} (${component}; node/${process.versions.node}; ${process.platform})`;
}
