import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineIndex, scanJson } from '../../../../src/core/storyboard/jsonLocations';

describe('where each value of a JSON text is', () => {
  it('names the line of each member by its key, and of each array item', () => {
    const text = '{\n  "version": 1,\n  "keyframes": [\n    "a.png",\n    "b.png"\n  ],\n  "segments": [\n    { "duration": 5 }\n  ]\n}\n';
    const scan = scanJson(text);
    assert.ok(scan.ok);
    assert.equal(scan.locations.get('version')?.line, 2);
    assert.equal(scan.locations.get('keyframes.1')?.line, 5);
    assert.deepEqual(scan.locations.get('segments.0.duration'), { line: 8, column: 7 });
  });

  it('agrees with JSON.parse on what is JSON', () => {
    for (const text of ['{"a":1,}', '[1 2]', '{"a":tru}', '"\\x"', '{} x', '01', '-', '[1.]', '{"a":"\u0001"}']) {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      assert.equal(scanJson(text).ok, parses, text);
    }
    for (const text of ['{"a":[1,2,{"b":null}],"c":"\\u00e9\\n"}', ' [ ] ', '-0.5e+3', '\uFEFF{}']) assert.ok(scanJson(text).ok, text);
  });

  it('says the line and column where the text stops being JSON, and what was expected', () => {
    const scan = scanJson('{\n  "version": 1,\n  "keyframes": ["a.png",]\n}');
    assert.ok(!scan.ok);
    assert.deepEqual(scan.at, { line: 3, column: 25 });
    assert.equal(scan.expected, 'a value');
  });

  it('refuses nesting deeper than any storyboard instead of overflowing the stack', () => {
    const scan = scanJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    assert.ok(!scan.ok && /levels of nesting/.test(scan.expected));
  });

  it('maps offsets to lines and columns', () => {
    const lines = lineIndex('ab\ncd\n\nef');
    assert.deepEqual(lines.at(0), { line: 1, column: 1 });
    assert.deepEqual(lines.at(4), { line: 2, column: 2 });
    assert.deepEqual(lines.at(7), { line: 4, column: 1 });
  });
});
