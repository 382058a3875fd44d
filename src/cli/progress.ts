import type { JobEvent } from '../core/job/jobDeps';
import type { JobStatus } from '../shared/jobStatus';

/** What a retry is of, in Chinese (the core names it in English: create, upload, query, download). */
const WHAT_ZH: Record<string, string> = { create: '创建任务', upload: '上传', query: '查询任务', download: '下载' };

/** Each status as the progress line says it: the same vocabulary as the records, the panel and the status bar. */
const STATUS_TEXT: Record<JobStatus, [string, string]> = {
  'waiting-for-slot': ['waiting for a free slot', '等待空闲名额'],
  preparing: ['checking files', '检查文件'],
  uploading: ['uploading frames', '上传帧'],
  submitting: ['submitting', '提交任务'],
  pending: ['queued on the service', '排队中'],
  running: ['generating', '生成中'],
  downloading: ['downloading', '下载中'],
  saving: ['saving', '保存中'],
  saved: ['saved', '已保存'],
  failed: ['failed', '失败'],
  canceled: ['canceled', '已取消'],
  stopped: ['stopped waiting', '已停止等待'],
  unconfirmed: ['unconfirmed', '未确认'],
};

export interface ProgressOptions {
  /** Put before every line: which take of a batch it is (`[2/4] `). */
  prefix?: string;
  /** False: plain lines even in a terminal (a batch's takes cannot share one live line). */
  live?: boolean;
  /** How long is left while the task waits or runs ("~1:40 left", "no estimate yet"); undefined: nothing said. */
  eta?: () => string | undefined;
}

/** Progress on stderr: one live line in a terminal, plain lines otherwise (logs, CI, pipes, batches). */
export class Progress {
  private phase: JobStatus = 'preparing';
  private status = '';
  private readonly started = Date.now();
  private lastDraw = 0;
  private etaKind: string | undefined;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly zh: boolean,
    private readonly options: ProgressOptions = {},
  ) {}

  private get live(): boolean {
    return this.stream.isTTY === true && this.options.live !== false;
  }

  on(event: JobEvent): void {
    switch (event.type) {
      case 'phase':
        this.phase = event.phase;
        this.etaKind = this.etaKindNow();
        this.line(this.label(event.phase));
        return;
      case 'submitted':
        this.line(`${this.zh ? '任务' : 'task'} ${event.taskId}${event.recovered ? (this.zh ? '（从任务列表找回）' : ' (found in the task list)') : ''}`, true);
        return;
      case 'status':
        if (event.status !== this.status) this.status = event.status;
        if (this.live) this.line(this.label(this.phase));
        else if ((this.phase === 'pending' || this.phase === 'running') && this.etaKindNow() !== this.etaKind) {
          this.etaKind = this.etaKindNow();
          this.line(this.label(this.phase));
        }
        return;
      case 'download':
        if (this.live && Date.now() - this.lastDraw > 200) {
          const percent = event.total ? ` ${Math.floor((event.received / event.total) * 100)}%` : ` ${(event.received / 1048576).toFixed(1)} MB`;
          this.line(`${this.label('downloading')}${percent}`);
        }
        return;
      case 'retry':
        this.line(this.zh ? `${(event.delayMs / 1000).toFixed(1)} 秒后重试${WHAT_ZH[event.what] ?? event.what}：${event.error.localized('zh-cn', 'cli')}` : `retrying ${event.what} in ${(event.delayMs / 1000).toFixed(1)} s: ${event.error.localized('en', 'cli')}`, true);
        return;
      case 'note':
        this.line(this.zh ? event.message.zh : event.message.en, true);
        return;
      default:
        return;
    }
  }

  done(): void {
    if (this.live) this.stream.write('\n');
  }

  /**
   * What the time left says, in kind (digits aside): plain lines say it again only when this changes (an estimate
   * appears, or "taking longer than usual"), not at every poll, so a log of eight takes stays readable.
   */
  private etaKindNow(): string {
    return `${this.phase}:${(this.options.eta?.() ?? '').replace(/[\d:]+/g, '#')}`;
  }

  private label(phase: JobStatus): string {
    const elapsed = Math.round((Date.now() - this.started) / 1000);
    const clock = `${Math.floor(elapsed / 60)}:${String(elapsed % 60).padStart(2, '0')}`;
    const name = STATUS_TEXT[phase];
    const eta = phase === 'pending' || phase === 'running' ? this.options.eta?.() : undefined;
    return `Wan: ${this.zh ? name[1] : name[0]} ${clock}${eta ? ` · ${eta}` : ''}`;
  }

  private line(body: string, permanent = false): void {
    this.lastDraw = Date.now();
    const text = `${this.options.prefix ?? ''}${body}`;
    if (!this.live) {
      this.stream.write(`${text}\n`);
      return;
    }
    this.stream.write(`\r\x1b[2K${text}`);
    if (permanent) this.stream.write('\n');
  }
}
