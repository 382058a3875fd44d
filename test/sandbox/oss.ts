import { createHmac, randomBytes, randomUUID } from 'node:crypto';

/** The fake OSS side: upload policies, the uploaded objects, and signed, expiring result URLs. */
export interface StoredObject {
  key: string;
  file: string;
  model: string;
  contentType: string;
  bytes: number;
  expiresAt: number;
}

export interface IssuedPolicy {
  policy: string;
  signature: string;
  accessKeyId: string;
  uploadDir: string;
  model: string;
  expiresAt: number;
  maxBytes: number;
}

export class FakeOss {
  readonly secret = randomBytes(16).toString('hex');
  readonly objects = new Map<string, StoredObject>();
  readonly policies = new Map<string, IssuedPolicy>();

  constructor(
    private readonly now: () => number,
    private readonly policyTtlMs: number,
  ) {}

  issuePolicy(model: string, maxFileMb: number): IssuedPolicy {
    const uploadDir = `dashscope-instant/${randomBytes(8).toString('hex')}/${new Date(this.now()).toISOString().slice(0, 10)}/${randomUUID()}`;
    const expiresAt = this.now() + this.policyTtlMs;
    const document = { expiration: new Date(expiresAt).toISOString(), conditions: [['starts-with', '$key', uploadDir], ['content-length-range', 0, maxFileMb * 1024 * 1024]] };
    const policy = Buffer.from(JSON.stringify(document)).toString('base64');
    const signature = createHmac('sha1', this.secret).update(policy).digest('base64');
    const issued: IssuedPolicy = { policy, signature, accessKeyId: `LTAI${randomBytes(6).toString('hex')}`, uploadDir, model, expiresAt, maxBytes: maxFileMb * 1024 * 1024 };
    this.policies.set(policy, issued);
    return issued;
  }

  signUrl(origin: string, path: string, ttlMs: number): string {
    const expires = Math.floor((this.now() + ttlMs) / 1000);
    const signature = createHmac('sha1', this.secret).update(`${path}\n${expires}`).digest('base64');
    const query = new URLSearchParams({ Expires: String(expires), OSSAccessKeyId: 'LTAIsimulator', Signature: signature });
    return `${origin}${path}?${query.toString()}`;
  }

  /** 'ok', or why OSS refuses the signed URL. */
  checkSignedUrl(path: string, query: URLSearchParams): 'ok' | 'expired' | 'bad-signature' {
    const expires = Number(query.get('Expires'));
    const expected = createHmac('sha1', this.secret).update(`${path}\n${expires}`).digest('base64');
    if (query.get('Signature') !== expected) return 'bad-signature';
    return expires * 1000 < this.now() ? 'expired' : 'ok';
  }
}

export function ossErrorXml(code: string, message: string, requestId = randomUUID().replace(/-/g, '').toUpperCase()): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${message}</Message>\n  <RequestId>${requestId}</RequestId>\n  <HostId>simulator.oss</HostId>\n</Error>\n`;
}
