/** Fault injection for the simulator: per route, for the next N calls (or a chosen call number). */
export type FaultRoute = 'create' | 'query' | 'list' | 'cancel' | 'policy' | 'upload' | 'download' | 'quota';

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
  | { type: 'cut-and-expire-target' }
  /** The CDN answers a Range with the whole file (200, chunked), as a host that does not do ranges does. */
  | { type: 'ignore-range' }
  /** The CDN's Content-Length claims `extra` bytes more than it sends, then it closes; `ignoreRange`: always the whole file. */
  | { type: 'wrong-length'; extra: number; ignoreRange?: boolean }
  /** A request for bytes with a Range refused: 416 with the total, 403 AccessDenied, or reset before any header. */
  | { type: 'refuse-range'; answer: 416 | 403 | 'reset' }
  /** Create only: holds the request `afterMs`, then makes the task and drops the connection — a late accept whose answer is lost. */
  | { type: 'accept-then-reset'; afterMs: number };

export interface Fault {
  route: FaultRoute;
  kind: FaultKind;
  /** How many matching calls it hits (default 1). */
  times?: number;
  /** For create: still create the task before failing the answer (the accepted-but-lost case). */
  acceptFirst?: boolean;
  /** Lets this many matching calls through before it hits (the second create, the third…). */
  skip?: number;
}

export class FaultPlan {
  private readonly pending: Array<Fault & { left: number }> = [];

  add(fault: Fault): void {
    this.pending.push({ ...fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.pending.length = 0;
  }

  /** The fault for this call of `route`, consuming one use; undefined for a normal answer. Each call counts down every skip. */
  take(route: FaultRoute, accept: (fault: Fault) => boolean = () => true): Fault | undefined {
    let chosen: (Fault & { left: number }) | undefined;
    for (const fault of this.pending.filter((item) => item.route === route && item.left > 0 && accept(item))) {
      if ((fault.skip ?? 0) > 0) {
        fault.skip = (fault.skip ?? 0) - 1;
        continue;
      }
      chosen ??= fault;
    }
    if (!chosen) return undefined;
    chosen.left--;
    if (chosen.left === 0) this.pending.splice(this.pending.indexOf(chosen), 1);
    return chosen;
  }
}

export const FAULTS = {
  throttled: (retryAfter = '1'): FaultKind => ({ type: 'status', status: 429, code: 'Throttling.RateQuota', message: 'Requests rate limit exceeded, please try again later.', retryAfter }),
  internal: (): FaultKind => ({ type: 'status', status: 500, code: 'InternalError', message: 'An internal error has occured, please try again later.' }),
  unavailable: (): FaultKind => ({ type: 'status', status: 503, code: 'ModelUnavailable', message: 'Model is unavailable, please try again later.' }),
  // The account's own stops (addendum §A4). The budget stop's code is undocumented: any code, or none, may come.
  budget: (code = ''): FaultKind => ({
    type: 'status',
    status: 429,
    code,
    message: 'The budget configured in Budget Management has been exhausted. You will be unable to make further API calls until the budget limit is increased or reset.',
  }),
  arrearage: (): FaultKind => ({ type: 'status', status: 400, code: 'Arrearage', message: 'Access denied, please make sure your account is in good standing.' }),
  notActivated: (): FaultKind => ({ type: 'status', status: 400, code: 'InvalidParameter', message: 'The product is not activated, please confirm that you have activated products and try again after activation.' }),
  modelAccessDenied: (): FaultKind => ({ type: 'status', status: 403, code: 'Model.AccessDenied', message: 'Model access denied.' }),
  accessDenied: (): FaultKind => ({ type: 'status', status: 403, code: 'AccessDenied', message: 'Access denied.' }),
  retired: (): FaultKind => ({ type: 'status', status: 403, code: 'Endpoint.AccessDenied', message: 'Workspace endpoint access denied.' }),
  workspaceNotFound: (): FaultKind => ({ type: 'status', status: 404, code: 'WorkSpaceNotFound', message: 'WorkSpace can not be found.' }),
  notAuthorized: (): FaultKind => ({
    type: 'status',
    status: 401,
    code: 'NOT AUTHORIZED',
    message: 'Access denied: Either you are not authorized to access this workspace, or the workspace does not exist. Please verify the workspace configuration or the endpoint.',
  }),
  concurrency: (): FaultKind => ({ type: 'status', status: 429, code: 'Throttling.Concurrency', message: 'Too many concurrent requests.' }),
};
