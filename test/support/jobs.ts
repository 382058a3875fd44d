import type { UploadMode } from '../../src/core/delivery/media';
import type { JobOptions } from '../../src/core/job/jobRecord';
import { type Inputs, ROLE } from '../../src/shared/mediaRoles';

/** A new job's options as the tests use them: the default name template, a take written, `mode` uploads. */
export function jobOptions(uploadMode: UploadMode = 'oss'): JobOptions {
  return { uploadMode, nameTemplate: '{first}-to-{last}', writeSidecar: true };
}

/** The usual inputs of a request: a first and a last frame (and a driving audio). */
export function frames(first: string, last: string, audio?: string): Inputs<string> {
  return { [ROLE.first]: first, [ROLE.last]: last, ...(audio ? { [ROLE.audio]: audio } : {}) };
}
