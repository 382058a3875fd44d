/**
 * Removes secrets from text before it reaches a log or a message: bearer tokens, DashScope keys, and the query
 * strings of signed URLs (OSS signatures let anyone fetch the object until they expire).
 */
const BEARER = /(Bearer\s+)[^\s"',]+/gi;
const DASHSCOPE_KEY = /\bsk-[A-Za-z0-9_-]{6,}/g;
const URL_WITH_QUERY = /\b(https?:\/\/[^\s"'<>?]+)\?[^\s"'<>]*/gi;

export function redact(text: string, extraSecrets: readonly string[] = []): string {
  let result = text;
  for (const secret of extraSecrets) {
    if (secret.length >= 4) result = result.split(secret).join('«redacted»');
  }
  return result
    .replace(BEARER, '$1«redacted»')
    .replace(DASHSCOPE_KEY, 'sk-«redacted»')
    .replace(URL_WITH_QUERY, '$1?«redacted»');
}
