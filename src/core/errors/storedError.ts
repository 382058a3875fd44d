import * as z from 'zod';
import { ERROR_KINDS, ERROR_STEPS, type ErrorKind, WanError } from './wanError';
import { deferredSchema } from '../../shared/deferredSchema';

/** How a job failed, kept in its record so a reloaded window shows the same message (both languages) and actions. */
export const StoredErrorSchema = deferredSchema(() => z.object({
  kind: z.string(),
  message: z.string(),
  step: z.enum(ERROR_STEPS).optional(),
  summary: z.object({ en: z.string(), zh: z.string() }).optional(),
  code: z.string().optional(),
  status: z.number().int().optional(),
  requestId: z.string().optional(),
  serviceMessage: z.string().optional(),
  retryable: z.boolean().optional(),
  videoKeptUntil: z.number().optional(),
}));
export type StoredError = z.infer<typeof StoredErrorSchema>;

export function storeError(error: WanError): StoredError {
  return {
    kind: error.kind,
    message: error.message,
    step: error.step,
    summary: error.summary,
    code: error.code,
    status: error.status,
    requestId: error.requestId,
    serviceMessage: error.serviceMessage,
    retryable: error.retryable,
    videoKeptUntil: error.videoKeptUntil,
  };
}

/** The error a record kept, as a WanError again; a record from before steps were kept reads as its message. */
export function restoreError(stored: StoredError, taskId: string | undefined): WanError {
  const kind = (ERROR_KINDS as readonly string[]).includes(stored.kind) ? (stored.kind as ErrorKind) : 'task-failed';
  return new WanError({
    kind,
    step: stored.step,
    summary: stored.summary ?? { en: stored.message, zh: stored.message },
    code: stored.code,
    status: stored.status,
    requestId: stored.requestId,
    serviceMessage: stored.serviceMessage,
    retryable: stored.retryable,
    videoKeptUntil: stored.videoKeptUntil,
    taskId,
  });
}
