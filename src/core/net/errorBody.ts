/** Code, message and request id from an error body: OSS/CDN XML, an HTML page, or JSON; any may be missing. */
export function errorBodyFields(body: string): { code?: string; message?: string; requestId?: string } {
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as Record<string, unknown>;
      const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
      const error = (parsed.error ?? {}) as Record<string, unknown>;
      return {
        code: text(parsed.code) ?? text(parsed.Code) ?? text(error.code),
        message: text(parsed.message) ?? text(parsed.Message) ?? text(error.message),
        requestId: text(parsed.request_id) ?? text(parsed.RequestId),
      };
    } catch {
      return {};
    }
  }
  const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`, 'i').exec(trimmed)?.[1]?.trim() || undefined;
  const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim() || undefined;
  return { code: field('Code'), message: field('Message') ?? title, requestId: field('RequestId') };
}
