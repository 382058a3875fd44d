import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { contiguousPrefix, ledgerFits, ledgerPathOf, readLedger, removeLedger, writeLedger } from '../../../../src/core/delivery/partLedger';
import { tempDir } from '../../../support/files';

const PARTS = [
  { start: 0, end: 100 },
  { start: 100, end: 200 },
  { start: 200, end: 300 },
];
const partIn = async () => path.join(await tempDir(), 'clip.task1234.mp4.part');

describe('the ledger beside a part file written in parts', () => {
  it('reads back what was written, and is gone once removed', async () => {
    const part = await partIn();
    assert.equal(await readLedger(part), 'none');
    await writeLedger(part, { total: 300, parts: PARTS, done: [2, 0] });
    assert.deepEqual(await readLedger(part), { total: 300, parts: PARTS, done: [2, 0] });
    await removeLedger(part);
    assert.equal(await readLedger(part), 'none');
  });

  it('cannot be trusted when torn, of another shape, or with parts that do not cover the total', async () => {
    const part = await partIn();
    const bodies = [
      '{"format":"wan-keyframes/parts@1","tot',
      JSON.stringify({ format: 'something-else', total: 300, parts: PARTS, done: [] }),
      JSON.stringify({ format: 'wan-keyframes/parts@1', total: 300, parts: [PARTS[0], PARTS[2]], done: [] }),
      JSON.stringify({ format: 'wan-keyframes/parts@1', total: 400, parts: PARTS, done: [] }),
      JSON.stringify({ format: 'wan-keyframes/parts@1', total: 300, parts: PARTS, done: [3] }),
    ];
    for (const body of bodies) {
      await writeFile(ledgerPathOf(part), body);
      assert.equal(await readLedger(part), 'unreadable', body);
    }
  });

  it('fits a part file only if it still holds every part it says is done', () => {
    const ledger = { total: 300, parts: PARTS, done: [0, 2] };
    assert.equal(ledgerFits(ledger, 300), true);
    assert.equal(ledgerFits(ledger, 250), false, 'a truncation cut the last part');
    assert.equal(ledgerFits({ ...ledger, done: [] }, 0), true);
  });

  it('finds where the bytes stop being contiguous from the start', () => {
    const ledger = { total: 300, parts: PARTS, done: [0, 2] };
    assert.equal(contiguousPrefix(ledger, () => 0), 100);
    assert.equal(contiguousPrefix(ledger, (index) => (index === 1 ? 40 : 0)), 140);
    assert.equal(contiguousPrefix(ledger, (index) => (index === 1 ? 100 : 0)), 300, 'a part received whole but not yet marked');
    assert.equal(contiguousPrefix({ ...ledger, done: [1, 2] }, () => 7), 7);
    assert.equal(contiguousPrefix({ ...ledger, done: [0, 1, 2] }, () => 0), 300);
  });
});
