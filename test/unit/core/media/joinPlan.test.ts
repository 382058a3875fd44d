import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { type JoinPlan, type JoinRefusal, planJoin } from '../../../../src/core/media/joinPlan';
import { tempDir } from '../../../support/files';
import { type ClipSpec, writeClip, writeWebm } from './mp4Fixtures';

const BASE: ClipSpec = { width: 320, height: 240, seconds: 2 };

async function clips(...specs: Array<Partial<ClipSpec>>): Promise<string[]> {
  const dir = await tempDir();
  return Promise.all(specs.map((spec, index) => writeClip(path.join(dir, `s${index + 1}.mp4`), { ...BASE, tint: index, ...spec })));
}

function plan(result: JoinPlan | JoinRefusal): JoinPlan {
  assert.equal(result.kind, 'plan', JSON.stringify(result));
  return result as JoinPlan;
}

function refusal(result: JoinPlan | JoinRefusal): JoinRefusal {
  assert.equal(result.kind, 'refused');
  return result as JoinRefusal;
}

describe('planning a join', () => {
  it('places each segment after the last, hiding the frame each shares with the next', async () => {
    const made = plan(await planJoin(await clips({}, {}, {})));
    const frame = 1 / 30;
    assert.deepEqual(made.hide, [true, true, false]);
    assert.deepEqual(made.used.map((seconds) => Math.round(seconds * 300)), [600 - 10, 600 - 10, 600]);
    assert.deepEqual(made.offsets.map((seconds) => Math.round(seconds * 300)), [0, 590, 1180]);
    assert.deepEqual(made.cuts.map((cut) => `${cut.after}@${cut.at.toFixed(3)}:${cut.frame}`), [`0@${(2 - frame).toFixed(3)}:hid-last-frame`, `1@${(4 - 2 * frame).toFixed(3)}:hid-last-frame`]);
    assert.ok(made.cuts.every((cut) => Math.abs(cut.hidden - frame) < 1e-6));
    assert.deepEqual(made.audio, { kind: 'none' });
  });

  it('keeps both frames where the last one shown is not the last one decoded, or when asked to', async () => {
    const reordered = plan(await planJoin(await clips({ reorderLast: true }, {})));
    assert.deepEqual(reordered.cuts.map((cut) => [cut.frame, cut.why, cut.hidden]), [['kept-both', 'reordered-frames', 0]]);
    assert.ok(Math.abs((reordered.offsets[1] ?? 0) - 2) < 1e-6);
    const asked = plan(await planJoin(await clips({}, {}), false));
    assert.deepEqual(asked.cuts.map((cut) => [cut.frame, cut.why]), [['kept-both', 'not-asked']]);
  });

  it('refuses segments of another size, naming the segment and both sizes', async () => {
    const files = await clips({}, {}, { width: 480, height: 320 });
    const refused = refusal(await planJoin(files));
    assert.equal(refused.segment, 2);
    assert.equal(refused.file, files[2]);
    assert.equal(refused.reason, 'dimensions');
    assert.match(refused.detail, /480×320 where the first segment is 320×240/);
  });

  it('refuses a segment encoded with other settings, and what is not an mp4 or mov video', async () => {
    assert.equal(refusal(await planJoin(await clips({}, { level: 40 }))).reason, 'decoder-config');
    const [first] = await clips({});
    const webm = await writeWebm(path.join(await tempDir(), 'x.webm'));
    const refused = refusal(await planJoin([first as string, webm]));
    assert.deepEqual([refused.segment, refused.reason], [1, 'not-a-video']);
    assert.match(refused.detail, /webm/);
    const voice = await clips({ video: false, audio: {} });
    assert.match(refusal(await planJoin([first as string, ...voice])).detail, /no video track/);
  });

  it('joins the sound only when every segment has the same kind of sound, and says which one does not', async () => {
    assert.deepEqual(plan(await planJoin(await clips({ audio: {} }, { audio: {} }))).audio, { kind: 'joined', codec: 'aac', sampleRate: 48000, channels: 1 });
    const silentSecond = plan(await planJoin(await clips({ audio: {} }, {}, { audio: {} }))).audio;
    assert.deepEqual(silentSecond, { kind: 'left-out', segment: 1, detail: 'segment 2 has no sound' });
    const otherRate = plan(await planJoin(await clips({ audio: {} }, { audio: { sampleRate: 44100, channels: 2 } }))).audio;
    assert.ok(otherRate.kind === 'left-out' && otherRate.segment === 1 && /44100 Hz 2 ch/.test(otherRate.detail), JSON.stringify(otherRate));
  });
});
