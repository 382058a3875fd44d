import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { deferredSchema } from '../../../src/shared/deferredSchema';

const point = () => z.object({ x: z.number().int(), y: z.number().int().optional(), label: z.string().max(3).default('p') });

describe('a schema built on first use', () => {
  it('builds nothing until it is used, then builds once', () => {
    let builds = 0;
    const schema = deferredSchema(() => (builds++, point()));
    assert.equal(builds, 0);
    schema.parse({ x: 1 });
    schema.safeParse({ x: 'no' });
    assert.equal(builds, 1);
  });

  it('parses exactly as the schema it defers: values, defaults, transforms and issues', () => {
    const eager = point();
    const deferred = deferredSchema(point);
    for (const value of [{ x: 1 }, { x: 1, y: 2, label: 'abc' }, { x: 1.5 }, { x: 1, label: 'long' }, { y: 'no' }, null, 'text']) {
      assert.deepEqual(deferred.safeParse(value), eager.safeParse(value), JSON.stringify(value));
    }
    const loose = deferredSchema(() => z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]));
    assert.equal(loose.parse('12'), 12);
    assert.throws(() => loose.parse('twelve'), z.ZodError);
  });

  it('keeps the schema’s own methods and fields: shape, omit, extend, optional, instanceof', () => {
    const deferred = deferredSchema(point);
    assert.deepEqual(Object.keys(deferred.shape), ['x', 'y', 'label']);
    const moved = deferred.omit({ label: true }).extend({ z: z.number() });
    assert.deepEqual(moved.parse({ x: 1, z: 3, label: 'gone' }), { x: 1, z: 3 });
    assert.equal(deferred.optional().parse(undefined), undefined);
    assert.equal(deferred instanceof z.ZodObject, true);
    assert.equal(deferredSchema(() => z.enum(['a', 'b'])).options.length, 2);
  });

  it('nests in other schemas, eager or deferred, and in zod/mini’s functions', () => {
    const inner = deferredSchema(point);
    const outer = deferredSchema(() => z.object({ points: z.array(inner).min(1), byName: z.partialRecord(z.enum(['a', 'b']), inner) }));
    assert.deepEqual(outer.parse({ points: [{ x: 1 }], byName: { b: { x: 2 } } }), { points: [{ x: 1, label: 'p' }], byName: { b: { x: 2, label: 'p' } } });
    const failed = outer.safeParse({ points: [{ x: 'no' }], byName: {} });
    assert.deepEqual(failed.error?.issues.map((issue) => issue.path), [['points', 0, 'x']]);

    const mini = deferredSchema(() => zm.object({ name: zm.string().check(zm.maxLength(2)) }));
    const extended = zm.extend(mini, { kind: zm.literal('k') });
    assert.equal(zm.safeParse(extended, { name: 'ab', kind: 'k' }).success, true);
    assert.equal(zm.safeParse(extended, { name: 'abc', kind: 'k' }).success, false);
  });

  it('can be inspected and listed like the schema', () => {
    const deferred = deferredSchema(point);
    assert.deepEqual(Reflect.ownKeys(deferred), Reflect.ownKeys(point()));
    assert.equal('_zod' in deferred, true);
    assert.doesNotThrow(() => inspect(deferred));
  });

  it('passes a failure to build on to the use that needed it, and builds again on the next use', () => {
    let attempts = 0;
    const broken = deferredSchema((): z.ZodString => {
      attempts++;
      throw new Error('cannot build');
    });
    assert.throws(() => broken.parse('x'), /cannot build/);
    assert.throws(() => broken.parse('x'), /cannot build/);
    assert.equal(attempts, 2);
  });
});
