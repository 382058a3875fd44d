import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';

/** What a part may hold in memory while the disk catches up: bounded, whatever the video's size. */
const BUFFERED_BYTES = 1024 * 1024;

/**
 * A writable that puts its bytes at `start` onward of an open file, up to (not including) `limit`, and drops the
 * rest. Chunks that arrive while a write is on its way go out together in one `writev`, so a fast link costs few
 * system calls and the socket keeps being read meanwhile. A byte is counted (`onWritten`, `at`) only once it is on
 * disk, and destroying the writer waits for the write in flight: after a failure, `at` is exactly where to resume.
 * `full` is emitted when `limit` is reached, so the caller can let go of a body that would send more.
 */
export class PositionalWriter extends Writable {
  private position: number;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly handle: FileHandle,
    start: number,
    private readonly limit: number,
    private readonly onWritten: (bytes: number) => void = () => undefined,
  ) {
    super({ highWaterMark: BUFFERED_BYTES });
    this.position = start;
  }

  /** Where the next byte goes: every byte before it (from `start`) is written. */
  get at(): number {
    return this.position;
  }

  get full(): boolean {
    return this.position >= this.limit;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.put([chunk], callback);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    this.put(
      chunks.map((entry) => entry.chunk),
      callback,
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const done = () => callback(error);
    this.inFlight.then(done, done);
  }

  private put(chunks: Buffer[], callback: (error?: Error | null) => void): void {
    const batch: Buffer[] = [];
    let room = this.limit - this.position;
    for (const chunk of chunks) {
      if (room <= 0) break;
      const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
      batch.push(piece);
      room -= piece.length;
    }
    if (batch.length === 0) return callback();
    const write = writeAll(this.handle, batch, this.position, (bytes) => {
      this.position += bytes;
      this.onWritten(bytes);
    });
    this.inFlight = write;
    write.then(
      () => {
        callback();
        if (this.full) this.emit('full');
      },
      (error: Error) => callback(error),
    );
  }
}

/** `writev` until every byte is written (a regular file may still take fewer than asked), counting as it goes. */
async function writeAll(handle: FileHandle, buffers: Buffer[], position: number, onBytes: (bytes: number) => void): Promise<void> {
  let left = buffers;
  while (left.length > 0) {
    const { bytesWritten } = await handle.writev(left, position);
    if (bytesWritten <= 0) throw Object.assign(new Error('the disk took no bytes'), { code: 'EIO' });
    onBytes(bytesWritten);
    position += bytesWritten;
    left = skip(left, bytesWritten);
  }
}

function skip(buffers: Buffer[], bytes: number): Buffer[] {
  const rest: Buffer[] = [];
  for (const buffer of buffers) {
    if (bytes >= buffer.length) {
      bytes -= buffer.length;
      continue;
    }
    rest.push(bytes > 0 ? buffer.subarray(bytes) : buffer);
    bytes = 0;
  }
  return rest;
}
