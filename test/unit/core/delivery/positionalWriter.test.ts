import * as assert from 'node:assert/strict';
import { open, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { PositionalWriter } from '../../../../src/core/delivery/positionalWriter';
import { tempDir } from '../../../support/files';

const bytes = (length: number, seed: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 7 + seed) % 256));

describe('writing a body at its offset', () => {
  it('puts each part at its own offset of one file, whatever order they arrive in', async () => {
    const file = path.join(await tempDir(), 'video.part');
    const whole = bytes(3000, 1);
    const handle = await open(file, 'w');
    const parts = [[2000, 3000], [0, 1000], [1000, 2000]] as const;
    await Promise.all(parts.map(([start, end]) => pipeline(Readable.from([whole.subarray(start, start + 300), whole.subarray(start + 300, end)]), new PositionalWriter(handle, start, end))));
    await handle.close();
    assert.ok((await readFile(file)).equals(whole));
  });

  it('stops at its limit, drops what comes after, and says it is full', async () => {
    const file = path.join(await tempDir(), 'video.part');
    await writeFile(file, Buffer.alloc(20, 0xee));
    const handle = await open(file, 'r+');
    const counted: number[] = [];
    const writer = new PositionalWriter(handle, 5, 10, (n) => counted.push(n));
    let full = false;
    writer.once('full', () => (full = true));
    await pipeline(Readable.from([bytes(4, 0), bytes(4, 4), bytes(4, 8)]), writer);
    await handle.close();
    const after = await readFile(file);
    assert.ok(after.subarray(5, 10).equals(Buffer.concat([bytes(4, 0), bytes(4, 4)]).subarray(0, 5)));
    assert.ok(after.subarray(0, 5).equals(Buffer.alloc(5, 0xee)) && after.subarray(10).equals(Buffer.alloc(10, 0xee)), 'nothing outside its span');
    assert.equal(counted.reduce((sum, n) => sum + n, 0), 5);
    assert.equal(writer.at, 10);
    assert.ok(full && writer.full);
  });

  it('after a body breaks, counts only what reached the disk, so a resume starts exactly there', async () => {
    const file = path.join(await tempDir(), 'video.part');
    const handle = await open(file, 'w');
    const writer = new PositionalWriter(handle, 0, 1000);
    const body = Readable.from(
      (async function* () {
        yield bytes(100, 0);
        yield bytes(150, 1);
        throw Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
      })(),
    );
    await assert.rejects(pipeline(body, writer), /other side closed/);
    await handle.close();
    const onDisk = await readFile(file);
    assert.ok(writer.at >= 100 && writer.at <= 250, `at ${writer.at}`);
    assert.equal(onDisk.length, writer.at, 'what it counts is exactly what the file holds');
    assert.ok(onDisk.equals(Buffer.concat([bytes(100, 0), bytes(150, 1)]).subarray(0, writer.at)));
  });

  it('passes a disk error on', async () => {
    const file = path.join(await tempDir(), 'video.part');
    await writeFile(file, '');
    const handle = await open(file, 'r');
    await assert.rejects(pipeline(Readable.from([bytes(10, 0)]), new PositionalWriter(handle, 0, 10)), (error: NodeJS.ErrnoException) => error.code === 'EBADF');
    await handle.close();
  });
});
