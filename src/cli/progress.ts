import type { JobEvent } from '../core/job';

/** Progress on stderr: one live line in a terminal, plain lines otherwise (logs, CI, pipes). */
export class Progress {
  private phase = '';
  private status = '';
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly zh: boolean,
  ) {}

  private get live(): boolean {
    return this.stream.isTTY === true;
  }

  on(event: JobEvent): void {
    switch (event.type) {
      case 'phase':
        this.phase = event.phase;
        this.line(this.label(event.phase));
        return;
      case 'submitted':
        this.line(`${this.zh ? '任务' : 'task'} ${event.taskId}${event.recovered ? (this.zh ? '（从任务列表找回）' : ' (found in the task list)') : ''}`, true);
        return;
      case 'status':
        if (event.status !== this.status) this.status = event.status;
        if (this.live) this.line(this.label(this.phase));
        return;
      case 'download':
        if (this.live && Date.now() - this.lastDraw > 200) {
          const percent = event.total ? ` ${Math.floor((event.received / event.total) * 100)}%` : ` ${(event.received / 1048576).toFixed(1)} MB`;
          this.line(`${this.label('downloading')}${percent}`);
        }
        return;
      case 'retry':
        this.line(`${this.zh ? '重试' : 'retrying'} ${event.what} ${this.zh ? '于' : 'in'} ${(event.delayMs / 1000).toFixed(1)} s: ${event.error.message}`, true);
        return;
      default:
        return;
    }
  }

  done(): void {
    if (this.live) this.stream.write('\n');
  }

  private label(phase: string): string {
    const elapsed = Math.round((Date.now() - this.started) / 1000);
    const clock = `${Math.floor(elapsed / 60)}:${String(elapsed % 60).padStart(2, '0')}`;
    const names: Record<string, [string, string]> = {
      preparing: ['checking files', '检查文件'],
      uploading: ['uploading frames', '上传帧'],
      submitting: ['submitting', '提交任务'],
      pending: ['queued on the service', '排队中'],
      running: ['generating', '生成中'],
      downloading: ['downloading', '下载中'],
      saving: ['saving', '保存中'],
      saved: ['saved', '已保存'],
    };
    const name = names[phase] ?? [phase, phase];
    return `Wan: ${this.zh ? name[1] : name[0]} ${clock}`;
  }

  private line(text: string, permanent = false): void {
    this.lastDraw = Date.now();
    if (!this.live) {
      this.stream.write(`${text}\n`);
      return;
    }
    this.stream.write(`\r\x1b[2K${text}`);
    if (permanent) this.stream.write('\n');
  }
}
