import { ossError } from '../../src/core/service/ossUpload';
import { TaskQueryResponseSchema } from '../../src/core/service/schemas';
import { serviceError } from '../../src/core/service/serviceErrors';
import { KIND_SUMMARIES } from '../../src/core/errors/summaries';
import { classifyTransportError } from '../../src/core/net/transport';
import { exitCodeFor } from '../../src/cli/exitCodes';
import { asDownloadError, downloadError, transportDownloadError, videoHostError } from '../../src/core/delivery/downloadErrors';
import { redirectError } from '../../src/core/net/followRedirects';
import { errorActions } from '../../src/core/errors/errorActions';
import { canRetry } from '../../src/core/job/lifecycle';
import { type ErrorStep, localTime, WanError } from '../../src/core/errors/wanError';
import { changedError } from '../../src/core/job/job';
import { taskEndError } from '../../src/core/service/poll';
import { atStep } from '../../src/core/errors/steps';
import { errorPage } from '../../src/core/delivery/videoCheck';

/** One row of docs/errors.md: an error as the code builds it at one step. */
export interface CatalogRow {
  step: ErrorStep;
  error: WanError;
}

const KEPT_UNTIL = Date.UTC(2026, 11, 2, 11, 45);
const xml = (code: string, message: string) => `<?xml version="1.0"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
const task = (output: Record<string, unknown>) => TaskQueryResponseSchema.parse({ request_id: 'req-1', output: { task_id: 't-1', ...output } });
const transport = (code: string) => classifyTransportError(Object.assign(new Error(code), { code }), 'call');
const errno = (code: string, file: string) => Object.assign(new Error(code), { code, path: file });

/**
 * Every kind of error each step can end in, built by the same functions the job uses (service answers, transport
 * failures, the video host, the disk), so the table cannot drift from the code.
 */
export function errorCatalog(): CatalogRow[] {
  const rows: Array<[ErrorStep, unknown]> = [
    ['prepare', changedError('/frames/dawn.png')],
    ['prepare', errno('ENOENT', '/frames/dawn.png')],
    ['upload', serviceError({ status: 401, code: 'InvalidApiKey', message: 'Invalid API-key provided.' })],
    ['upload', ossError(400, xml('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.'), {}, 0)],
    ['upload', ossError(503, xml('ServiceUnavailable', 'Please reduce your request rate.'), {}, 0)],
    ['upload', transport('ECONNRESET')],
    ['submit', serviceError({ status: 401, code: 'InvalidApiKey', message: 'Invalid API-key provided.' })],
    ['submit', serviceError({ status: 400, code: 'Arrearage', message: 'Access denied, please make sure your account is in good standing.' })],
    ['submit', serviceError({ status: 429, message: 'The budget configured in Budget Management has been exhausted. You will be unable to make further API calls until the budget limit is increased or reset.' })],
    ['submit', serviceError({ status: 400, code: 'InvalidParameter', message: 'The product is not activated, please confirm that you have activated products and try again after activation.' })],
    ['submit', serviceError({ status: 403, code: 'Model.AccessDenied', message: 'Model access denied.' })],
    ['submit', serviceError({ status: 403, code: 'Endpoint.AccessDenied', message: 'Workspace endpoint access denied.' })],
    ['submit', serviceError({ status: 404, code: 'WorkSpaceNotFound', message: 'WorkSpace can not be found.' })],
    ['submit', serviceError({ status: 401, code: 'NOT AUTHORIZED', message: 'Access denied: Either you are not authorized to access this workspace, or the workspace does not exist.' })],
    ['submit', serviceError({ status: 429, code: 'Throttling.Concurrency', message: 'Too many concurrent requests.' })],
    ['submit', serviceError({ status: 429, code: 'Throttling.RateQuota', message: 'Requests rate limit exceeded.' })],
    ['submit', serviceError({ status: 400, code: 'InvalidParameter', message: 'The size of the input image is out of range.' })],
    ['submit', serviceError({ status: 400, code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' })],
    ['submit', serviceError({ status: 403, code: 'AccessDenied', message: 'Access denied.' })],
    ['submit', serviceError({ status: 404, code: 'ModelNotFound', message: 'Model not exist.' })],
    ['submit', serviceError({ status: 500, code: 'InternalError', message: 'An internal error has occured.' })],
    ['submit', new WanError({ kind: 'unconfirmed', summary: KIND_SUMMARIES.unconfirmed })],
    ['submit', transport('UND_ERR_CONNECT_TIMEOUT')],
    ['waiting', transport('ECONNREFUSED')],
    ['waiting', transport('UND_ERR_HEADERS_TIMEOUT')],
    ['waiting', new WanError({ kind: 'unexpected-response', summary: KIND_SUMMARIES['unexpected-response'], serviceMessage: 'output.task_status: expected string' })],
    ['generation', taskEndError(task({ task_status: 'FAILED', code: 'InternalError.Timeout', message: 'The task did not finish within 3 hours.' }), 't-1')],
    ['generation', taskEndError(task({ task_status: 'FAILED', code: 'DataInspectionFailed', message: 'Output data may contain inappropriate content.' }), 't-1')],
    ['generation', taskEndError(task({ task_status: 'FAILED', code: 'InvalidParameter', message: 'first_frame and last_frame cannot be used with driving_audio.' }), 't-1')],
    ['generation', taskEndError(task({ task_status: 'FAILED', code: 'InvalidParameter', message: 'The two modes are mutually exclusive. Do not pass reference_xx and first_frame/last_frame at the same time.' }), 't-1')],
    ['generation', taskEndError(task({ task_status: 'CANCELED' }), 't-1')],
    ['generation', taskEndError(task({ task_status: 'UNKNOWN' }), 't-1')],
    ['download', asDownloadError(redirectError('redirect loop after 2 hop(s)'))],
    ['download', asDownloadError(redirectError('more than 5 redirects'))],
    ['download', errorPage(xml('AccessDenied', 'You have no right to access this object.'), 'HTTP 200 with application/xml instead of a video')],
    ['download', downloadError('truncated', 'download stopped at 612352 of 6291456 bytes')],
    ['download', videoHostError(403, xml('AccessDenied', 'Request has expired.'), {}, 0)],
    ['download', videoHostError(404, xml('NoSuchKey', 'The specified key does not exist.'), {}, 0)],
    ['download', videoHostError(503, '', {}, 0)],
    ['download', transportDownloadError(Object.assign(new Error('body timeout'), { code: 'UND_ERR_BODY_TIMEOUT' }), undefined)],
    ['saving', errno('EACCES', '/videos/dawn-to-dusk.1a2b3c4d.mp4.part')],
  ];
  return rows.map(([step, made]) => {
    const stepped = atStep(step, made) as WanError;
    const generated = step === 'download' || step === 'saving';
    return { step, error: stepped.with({ taskId: step === 'prepare' || step === 'upload' || step === 'submit' ? undefined : 't-1', videoKeptUntil: generated ? KEPT_UNTIL : undefined }) };
  });
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll(localTime(KEPT_UNTIL), '{time}');

/** docs/errors.md: step × kind → the message in both languages, the editor's buttons and the CLI's exit code. */
export function errorTableMarkdown(): string {
  const lines = [
    '# Errors: what each step says, and what helps',
    '',
    'Generated from the code by `test/unit/core/errorTable.test.ts` (it fails when this page and the code disagree;',
    '`WK_WRITE_DOCS=1 npm run test:unit` rewrites it). Each row is an error built by the same functions a job uses.',
    'Every message opens with the step that failed. Once the task has SUCCEEDED (download, saving), the message says',
    'the video was generated, until when it waits on the service (`video_url` lives 24 h from the task\'s `end_time`;',
    '`{time}` below) and how to fetch it: **Retry Download** in VS Code, `wan-keyframes resume <task-id> --out DIR`',
    'in the CLI (its text shows the CLI form). Service code and message follow in parentheses; `…` marks example values.',
    '',
    '| step | kind | English | 中文 | VS Code actions | CLI exit |',
    '|---|---|---|---|---|---|',
  ];
  for (const { step, error } of errorCatalog()) {
    const actions = errorActions(error, Boolean(error.taskId), canRetry({ status: 'failed', taskId: error.taskId }, error)).join(', ');
    lines.push(`| ${step} | ${error.kind} | ${cell(error.localized('en'))} | ${cell(error.localized('zh-cn'))} | ${actions} | ${exitCodeFor(error)} |`);
  }
  return `${lines.join('\n')}\n`;
}
