import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { inputsKey } from '../../../../src/core/inputs/inputFiles';
import { upgradeSidecarV1 } from '../../../../src/core/output/sidecarV1';
import { TAKE_SCHEMA, TakeSchema } from '../../../../src/core/output/take';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { FIXTURES } from '../../../support/files';

interface Source {
  name: string;
  path: string;
  sha256: string;
  bytes: number;
}
type SidecarV1 = Record<string, unknown> & { sources: { first: Source; last: Source }; parameters: { seed?: number }; taskId: string; video: { file: string } };

const read = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, 'd5f53d2', name), 'utf8')) as SidecarV1;
const SIDECARS = { kf2v: read('sidecar-kf2v.json'), wan27: read('sidecar-wan27.json') };

describe('a version-1 sidecar (d5f53d2) as a take', () => {
  for (const [name, sidecar] of Object.entries(SIDECARS)) {
    it(`${name}: a valid take, its inputs relative to where the sidecar is, its key that of the same files`, () => {
      const folder = path.posix.dirname(sidecar.sources.first.path);
      const take = upgradeSidecarV1(sidecar, path.posix.join(folder, 'dawn-to-dusk.json'));
      assert.ok(take);
      assert.ok(TakeSchema.safeParse(take).success);
      assert.equal(take.schema, TAKE_SCHEMA);
      assert.equal(take.inputs[ROLE.first]?.path, path.posix.basename(sidecar.sources.first.path));
      assert.equal(take.inputs[ROLE.last]?.path, path.posix.basename(sidecar.sources.last.path));
      assert.equal(take.inputs[ROLE.first]?.sha256, sidecar.sources.first.sha256);
      assert.ok(!('name' in (take.inputs[ROLE.first] ?? {})), 'a take names an input by its path');
      assert.equal(take.inputsKey, inputsKey({ [ROLE.first]: sidecar.sources.first, [ROLE.last]: sidecar.sources.last }));
      assert.equal(take.seed, sidecar.parameters.seed);
      assert.equal(take.taskId, sidecar.taskId);
      assert.deepEqual(take.video, sidecar.video);
      assert.ok(!('sources' in take), 'the version-1 field is gone');
    });
  }

  it('a sidecar moved to another folder names its inputs from there', () => {
    const sidecar = SIDECARS.kf2v;
    const folder = path.posix.dirname(sidecar.sources.first.path);
    const take = upgradeSidecarV1(sidecar, path.posix.join(folder, '..', 'renders', 'final', 'x.json'));
    assert.equal(take?.inputs[ROLE.first]?.path, `../../${path.posix.basename(folder)}/${path.posix.basename(sidecar.sources.first.path)}`);
  });

  it('the two fixtures are of the same frames: the same key, though different models made them', () => {
    const kf2v = upgradeSidecarV1(SIDECARS.kf2v, '/a/x.json');
    const wan27 = upgradeSidecarV1(SIDECARS.wan27, '/b/y.json');
    assert.ok(kf2v && wan27);
    assert.notEqual(kf2v.model, wan27.model);
    assert.equal(kf2v.inputsKey, wan27.inputsKey);
    const swapped = upgradeSidecarV1({ ...SIDECARS.kf2v, sources: { first: SIDECARS.kf2v.sources.last, last: SIDECARS.kf2v.sources.first } }, '/a/x.json');
    assert.notEqual(swapped?.inputsKey, kf2v.inputsKey, 'the same files in other roles are another pair');
  });

  it('unknown fields are kept; a sidecar without sources has no inputs', () => {
    const take = upgradeSidecarV1({ ...SIDECARS.wan27, rating: 4, sources: undefined }, '/b/y.json') as Record<string, unknown> & { inputs: object; inputsKey: string };
    assert.equal(take.rating, 4);
    assert.deepEqual(take.inputs, {});
    assert.equal(take.inputsKey, inputsKey({}));
  });

  it('what is not a version-1 sidecar is not upgraded', () => {
    const { taskId: _taskId, ...withoutTask } = SIDECARS.kf2v;
    for (const raw of [null, 'x', {}, { ...SIDECARS.kf2v, schema: TAKE_SCHEMA }, { ...SIDECARS.kf2v, tool: { name: 'other', version: '1' } }, withoutTask]) {
      assert.equal(upgradeSidecarV1(raw, '/a/x.json'), undefined, JSON.stringify(raw)?.slice(0, 60));
    }
  });
});
