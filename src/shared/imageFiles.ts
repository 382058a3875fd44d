/** File extensions the Explorer entries accept as frames (any case). Kept in step with package.json `when` clauses. */
export const FRAME_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp', '.bmp'] as const;
export const AUDIO_EXTENSIONS = ['.wav', '.mp3'] as const;

function extensionOf(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

export function isFrameFileName(fileName: string): boolean {
  return (FRAME_EXTENSIONS as readonly string[]).includes(extensionOf(fileName));
}

export function isAudioFileName(fileName: string): boolean {
  return (AUDIO_EXTENSIONS as readonly string[]).includes(extensionOf(fileName));
}

export function baseName(path: string): string {
  return path.replace(/[\\/]+$/, '').replace(/^.*[\\/]/, '');
}
