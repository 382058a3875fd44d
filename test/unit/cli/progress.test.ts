import * as assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { Progress } from '../../../src/cli/progress';
import { WanError } from '../../../src/core/errors/wanError';

/** A stderr that keeps what was written; `isTTY` decides between a live line and plain log lines. */
function fakeStream(isTTY: boolean) {
  const stream = { isTTY, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
  return stream;
}

function progress(t: TestContext, isTTY: boolean, zh = false) {
  t.mock.timers.enable({ apis: ['Date'], now: Date.UTC(2026, 11, 1) });
  const stream = fakeStream(isTTY);
  return { stream, progress: new Progress(stream as unknown as NodeJS.WriteStream, zh), tick: (ms: number) => t.mock.timers.tick(ms) };
}

const retry = { type: 'retry', what: 'create', delayMs: 2500, error: new WanError({ kind: 'rate-limit', summary: { en: 'Too many requests.', zh: '请求过多。' } }) } as const;

describe('progress on stderr', () => {
  it('outside a terminal: one plain line per phase, no escape codes, and status polls or download bytes add nothing', (t) => {
    const { stream, progress: p, tick } = progress(t, false);
    p.on({ type: 'phase', phase: 'preparing' });
    tick(65_000);
    p.on({ type: 'phase', phase: 'running' });
    p.on({ type: 'status', status: 'RUNNING', requestId: 'r' });
    p.on({ type: 'download', received: 10, total: 100 });
    p.done();
    assert.equal(stream.text, 'Wan: checking files 0:00\nWan: generating 1:05\n');
  });

  it("says in the user's language why an input did not travel as asked", (t) => {
    const note = { type: 'note', message: { en: 'Last frame: sent through the temporary upload.', zh: '尾帧：通过临时上传发送。' } } as const;
    const english = progress(t, false);
    english.progress.on(note);
    assert.equal(english.stream.text, 'Last frame: sent through the temporary upload.\n');
    const stream = fakeStream(false);
    new Progress(stream as unknown as NodeJS.WriteStream, true).on(note);
    assert.equal(stream.text, '尾帧：通过临时上传发送。\n');
  });

  it('in a terminal: phases redraw one line in place; the task id and retries stay on their own lines', (t) => {
    const { stream, progress: p } = progress(t, true);
    p.on({ type: 'phase', phase: 'submitting' });
    p.on({ type: 'submitted', taskId: 'task-7', requestId: undefined, recovered: false });
    p.on(retry);
    assert.equal(stream.text, '\r\x1b[2KWan: submitting 0:00\r\x1b[2Ktask task-7\n\r\x1b[2Kretrying create in 2.5 s: Too many requests.\n');
  });

  it('in a terminal: done ends the live line, so what follows starts on a line of its own', (t) => {
    const { stream, progress: p } = progress(t, true);
    p.on({ type: 'phase', phase: 'running' });
    p.done();
    assert.equal(stream.text, '\r\x1b[2KWan: generating 0:00\n');
  });

  it('in a terminal: a status poll redraws the clock of the current phase', (t) => {
    const { stream, progress: p, tick } = progress(t, true);
    p.on({ type: 'phase', phase: 'pending' });
    tick(3_000);
    p.on({ type: 'status', status: 'PENDING', requestId: 'r' });
    assert.ok(stream.text.endsWith('\r\x1b[2KWan: queued on the service 0:03'), JSON.stringify(stream.text));
  });

  it('in a terminal: download progress in percent (or MB without a size), at most every 200 ms', (t) => {
    const { stream, progress: p, tick } = progress(t, true);
    p.on({ type: 'phase', phase: 'downloading' });
    const drawn = stream.text;
    tick(150);
    p.on({ type: 'download', received: 50, total: 100 });
    assert.equal(stream.text, drawn, 'too soon after the last draw');
    tick(51);
    p.on({ type: 'download', received: 999, total: 1000 });
    assert.ok(stream.text.endsWith('Wan: downloading 0:00 99%'), JSON.stringify(stream.text));
    tick(201);
    p.on({ type: 'download', received: 3 * 1048576, total: undefined });
    assert.ok(stream.text.endsWith('Wan: downloading 0:00 3.0 MB'), JSON.stringify(stream.text));
  });

  it('a task found again in the task list says so', (t) => {
    const { stream, progress: p } = progress(t, false);
    p.on({ type: 'submitted', taskId: 'task-7', requestId: undefined, recovered: true });
    assert.equal(stream.text, 'task task-7 (found in the task list)\n');
  });

  it('speaks Chinese when asked: phases, the task, a recovered task and retries', (t) => {
    const { stream, progress: p } = progress(t, false, true);
    p.on({ type: 'phase', phase: 'uploading' });
    p.on({ type: 'submitted', taskId: 'task-7', requestId: undefined, recovered: true });
    p.on(retry);
    const lines = stream.text.split('\n');
    assert.deepEqual(lines.slice(0, 2), ['Wan: 上传帧 0:00', '任务 task-7（从任务列表找回）']);
    assert.ok(lines[2]?.startsWith('2.5 秒后重试创建任务：'), lines[2]);
  });

  it('a retry\'s reason is in Chinese too', (t) => {
    const { stream, progress: p } = progress(t, false, true);
    p.on(retry);
    assert.match(stream.text, /请求过多。/);
  });

  it('records and saved events draw nothing (report.ts says where the video is)', (t) => {
    const { stream, progress: p } = progress(t, false);
    p.on({ type: 'saved', videoPath: '/v.mp4', sidecarPath: undefined, actualPrompt: undefined });
    assert.equal(stream.text, '');
  });
});

describe('progress: the time left', () => {
  it('while queued or running the line says what the ETA says; other phases say nothing of it; a batch take has its prefix', (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.UTC(2026, 11, 1) });
    const stream = { isTTY: true, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
    let eta: string | undefined = 'no estimate yet';
    const p = new Progress(stream as unknown as NodeJS.WriteStream, false, { prefix: '[2/4] ', live: false, eta: () => eta });
    p.on({ type: 'phase', phase: 'submitting' });
    p.on({ type: 'phase', phase: 'pending' });
    eta = '~1:40 left';
    p.on({ type: 'phase', phase: 'running' });
    p.on({ type: 'phase', phase: 'downloading' });
    assert.equal(stream.text, '[2/4] Wan: submitting 0:00\n[2/4] Wan: queued on the service 0:00 · no estimate yet\n[2/4] Wan: generating 0:00 · ~1:40 left\n[2/4] Wan: downloading 0:00\n');
  });
});

describe('progress: plain lines say the time left again only when it changes in kind', () => {
  it('an estimate appearing, then "taking longer than usual", each get a line; a poll that only moves the numbers does not', (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.UTC(2026, 11, 1) });
    const stream = { isTTY: false, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
    let eta = 'no estimate yet';
    const p = new Progress(stream as unknown as NodeJS.WriteStream, false, { eta: () => eta });
    const poll = () => p.on({ type: 'status', status: 'RUNNING', requestId: 'r' });
    p.on({ type: 'phase', phase: 'running' });
    poll();
    eta = '~1:40 left';
    poll();
    eta = '~1:10 left';
    poll();
    eta = '~0:05 left · taking longer than usual';
    poll();
    poll();
    assert.deepEqual(stream.text.trim().split('\n'), [
      'Wan: generating 0:00 · no estimate yet',
      'Wan: generating 0:00 · ~1:40 left',
      'Wan: generating 0:00 · ~0:05 left · taking longer than usual',
    ]);
  });
});
