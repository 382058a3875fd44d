/**
 * The gateway's request body limits (addendum §A8.1), as the simulator reads them on its own: a body as sent may be
 * 64 MiB, one base64 item 20 MiB, and the body with its base64 decoded 16 MiB. Over any: HTTP 413. The docs give the
 * status, not the code or message: those here are the simulator's guess, and a client must not depend on them.
 */
const MIB = 1024 * 1024;
export const SIM_BODY_LIMITS = { raw: 64 * MIB, item: 20 * MIB, decoded: 16 * MIB };

export interface BodyRefusal {
  status: 413;
  code: string;
  message: string;
}

/** Weighs the body as received (bytes, before any JSON parsing, as a gateway would). */
export function bodyLimitRefusal(body: Buffer): BodyRefusal | undefined {
  const text = body.toString('latin1');
  let decoded = body.length;
  let largest = 0;
  for (const match of text.matchAll(/;base64,([A-Za-z0-9+/]*)(=*)/g)) {
    const chars = (match[1] as string).length + (match[2] as string).length;
    largest = Math.max(largest, chars);
    decoded -= chars - Math.floor(((match[1] as string).length * 3) / 4);
  }
  const refusal = (message: string): BodyRefusal => ({ status: 413, code: 'RequestEntityTooLarge', message });
  if (body.length > SIM_BODY_LIMITS.raw) return refusal('Request body too large: at most 64 MiB.');
  if (largest > SIM_BODY_LIMITS.item) return refusal('A base64 item is too large: at most 20 MiB.');
  if (decoded > SIM_BODY_LIMITS.decoded) return refusal(`Request body too large after base64 decoding: ${decoded} bytes, at most 16 MiB.`);
  return undefined;
}
