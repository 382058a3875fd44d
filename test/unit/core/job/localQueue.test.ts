import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModelId } from '../../../../src/core/catalog/models';
import { startable } from '../../../../src/core/job/localQueue';

interface Waiting {
  id: string;
  family: ModelId;
}
const KF2V: ModelId = 'wan2.2-kf2v-flash';
const WAN27: ModelId = 'wan2.7-i2v';
const job = (id: string, family: ModelId): Waiting => ({ id, family });

/** The ids startable() lets go, with `running` jobs of each model already on the account and `limits` per model. */
function pick(waiting: Waiting[], running: Partial<Record<ModelId, number>>, limits: Partial<Record<ModelId, number>>): string[] {
  return startable(waiting, (family) => running[family] ?? 0, (family) => limits[family] ?? 0).map((entry) => entry.id);
}

describe('which waiting jobs may start', () => {
  it('a model\'s jobs fill its free slots in the order they were asked for', () => {
    const waiting = [job('k1', KF2V), job('k2', KF2V), job('k3', KF2V)];
    assert.deepEqual(pick(waiting, {}, { [KF2V]: 2 }), ['k1', 'k2']);
    assert.deepEqual(pick(waiting, { [KF2V]: 1 }, { [KF2V]: 2 }), ['k1'], 'a running job takes a slot');
    assert.deepEqual(pick(waiting, { [KF2V]: 2 }, { [KF2V]: 2 }), [], 'no free slot, nothing starts');
  });

  it('a job of another model is not held up behind a full one', () => {
    const waiting = [job('k1', KF2V), job('k2', KF2V), job('w1', WAN27), job('k3', KF2V), job('w2', WAN27)];
    assert.deepEqual(pick(waiting, { [KF2V]: 1 }, { [KF2V]: 2, [WAN27]: 5 }), ['k1', 'w1', 'w2']);
  });

  it('more running than the limit (the limit went down) starts nothing of that model, and leaves the list as it was', () => {
    const waiting = [job('k1', KF2V), job('w1', WAN27)];
    const before = JSON.stringify(waiting);
    assert.deepEqual(pick(waiting, { [KF2V]: 5, [WAN27]: 0 }, { [KF2V]: 2, [WAN27]: 1 }), ['w1']);
    assert.equal(JSON.stringify(waiting), before);
  });

  it('the same entries come back, not copies, so a caller can match them', () => {
    const waiting = [job('k1', KF2V)];
    assert.equal(startable(waiting, () => 0, () => 1)[0], waiting[0]);
  });
});
