import { dirname } from 'node:path';
import { KIND_SUMMARIES } from './summaries';
import { type ErrorStep, WanError } from './wanError';

const FILE_SYSTEM_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EMFILE']);

const WRITE_SUMMARY = {
  en: 'The video could not be written to its folder (read-only, full or gone). The task is kept: save it elsewhere or retry.',
  zh: '无法将视频写入目标文件夹（只读、已满或不存在）。任务已保留：可另存到其他位置或重试。',
};

/**
 * A local disk problem, not a network one: retrying the download cannot help, fixing the folder (or Save As) can.
 * Reading the frames (`prepare`) and writing the video (`download`, `saving`) say different things.
 */
export function fileSystemError(error: unknown, step: ErrorStep): WanError | undefined {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !FILE_SYSTEM_CODES.has(code)) return undefined;
  const writing = step === 'download' || step === 'saving';
  const file = (error as { path?: unknown }).path;
  return new WanError({
    kind: 'file-system',
    step,
    summary: writing ? WRITE_SUMMARY : KIND_SUMMARIES['file-system'],
    // Writing: the folder, not the temporary `.part` name inside it — the folder is what the user can fix or avoid.
    serviceMessage: `${code}: ${writing ? folderOf(file) : typeof file === 'string' ? file : ''}`,
    retryable: writing,
    cause: error,
  });
}

function folderOf(file: unknown): string {
  return typeof file === 'string' && file ? dirname(file) : '';
}
