import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toggleCompare } from '../../../../src/webview/takes/takesView';

describe('choosing takes to compare', () => {
  it('adds, removes, and keeps the two latest choices', () => {
    assert.deepEqual(toggleCompare([], 'a'), ['a']);
    assert.deepEqual(toggleCompare(['a'], 'b'), ['a', 'b']);
    assert.deepEqual(toggleCompare(['a', 'b'], 'c'), ['b', 'c']);
    assert.deepEqual(toggleCompare(['a', 'b'], 'a'), ['b']);
  });
});
