/** Fault injection for the simulator: per route, for the next N calls (or a chosen call number). */
export type FaultRoute = 'create' | 'query' | 'list' | 'cancel' | 'policy' | 'upload' | 'download';

export type FaultKind =
  | { type: 'status'; status: number; code: string; message: string; retryAfter?: string }
  | { type: 'reset-before-headers' }
  | { type: 'reset-mid-body' }
  | { type: 'slow-headers'; delayMs: number }
  | { type: 'truncated-body' }
  | { type: 'raw'; status: number; body: string; contentType?: string }
  // Video delivery (route 'download'): the shapes a result link's redirects can take.
  | { type: 'redirect-chain'; hops: number }
  | { type: 'redirect-loop' }
  | { type: 'redirect-to'; location: string | undefined; status?: number }
  /** Cuts the bytes mid-body and expires every CDN link issued so far: only a resume from `video_url` gets a fresh one. */
  | { type: 'cut-and-expire-target' };

export interface Fault {
  route: FaultRoute;
  kind: FaultKind;
  /** How many matching calls it hits (default 1). */
  times?: number;
  /** For create: still create the task before failing the answer (the accepted-but-lost case). */
  acceptFirst?: boolean;
}

export class FaultPlan {
  private readonly pending: Array<Fault & { left: number }> = [];

  add(fault: Fault): void {
    this.pending.push({ ...fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.pending.length = 0;
  }

  /** The fault for this call of `route`, consuming one use; undefined for a normal answer. */
  take(route: FaultRoute, accept: (fault: Fault) => boolean = () => true): Fault | undefined {
    const index = this.pending.findIndex((fault) => fault.route === route && fault.left > 0 && accept(fault));
    if (index < 0) return undefined;
    const fault = this.pending[index] as Fault & { left: number };
    fault.left--;
    if (fault.left === 0) this.pending.splice(index, 1);
    return fault;
  }
}

export const FAULTS = {
  throttled: (retryAfter = '1'): FaultKind => ({ type: 'status', status: 429, code: 'Throttling.RateQuota', message: 'Requests rate limit exceeded, please try again later.', retryAfter }),
  internal: (): FaultKind => ({ type: 'status', status: 500, code: 'InternalError', message: 'An internal error has occured, please try again later.' }),
  unavailable: (): FaultKind => ({ type: 'status', status: 503, code: 'ModelUnavailable', message: 'Model is unavailable, please try again later.' }),
};
