import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EditorToHostSchema, HostToEditorSchema, StoryboardEditSchema } from '../../../src/shared/storyboardEditorProtocol';

const board = {
  kind: 'board',
  name: 'film.storyboard.json',
  frames: [
    { written: 'a.png', name: 'a.png', src: 'https://file+.vscode-resource/a.png', state: 'shown' },
    { written: 'https://x/b.png', name: 'b.png', state: 'remote' },
  ],
  segments: [{ prompt: '你好', model: 'wan2.7-i2v', resolution: '720P', duration: 5, mode: 'keyframes', take: 'a-to-b.mp4', takes: [{ value: 'a-to-b.mp4', label: 'a-to-b.mp4 · seed 7 · 5 min ago' }] }],
  models: [{ id: 'wan2.7-i2v', resolutions: ['720P'], minDuration: 2, maxDuration: 15, continues: true }],
};

describe('the storyboard editor’s protocol', () => {
  it('takes every message the page sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'addFrames' },
      { type: 'generate' },
      { type: 'join' },
      { type: 'openAsText' },
      { type: 'edit', edit: { kind: 'move', from: 2, to: 0 } },
      { type: 'edit', edit: { kind: 'remove', index: 1 } },
      { type: 'edit', edit: { kind: 'segment', index: 0, patch: { prompt: '镜头推进', duration: 6, mode: 'continue' } } },
      { type: 'edit', edit: { kind: 'take', index: 0, take: 'takes/a-to-b (2).mp4' } },
      { type: 'edit', edit: { kind: 'take', index: 1 } },
    ]) assert.ok(EditorToHostSchema.safeParse(message).success, JSON.stringify(message));
  });

  it('refuses what is not one: unknown types, negative or fractional places, wrong modes, oversized prompts', () => {
    for (const message of [
      { type: 'save' },
      { type: 'edit', edit: { kind: 'move', from: -1, to: 0 } },
      { type: 'edit', edit: { kind: 'remove', index: 0.5 } },
      { type: 'edit', edit: { kind: 'segment', index: 0, patch: { mode: 'loop' } } },
      { type: 'edit', edit: { kind: 'segment', index: 0, patch: { prompt: 'x'.repeat(20_001) } } },
      { type: 'edit', edit: { kind: 'segment', index: 0, patch: { duration: 5.5 } } },
      { type: 'edit', edit: { kind: 'take', index: 0, take: 7 } },
      { type: 'edit', edit: { kind: 'take', index: -1, take: 'a.mp4' } },
      { type: 'edit', edit: { kind: 'take', index: 0, take: 'x'.repeat(2_001) } },
      null,
      'ready',
    ]) assert.equal(EditorToHostSchema.safeParse(message).success, false, JSON.stringify(message)?.slice(0, 80));
  });

  it('takes the host’s views and notices, and refuses a frame in a state it does not know', () => {
    assert.ok(HostToEditorSchema.safeParse({ type: 'view', view: board }).success);
    assert.ok(HostToEditorSchema.safeParse({ type: 'view', view: { kind: 'invalid', name: 'f', message: 'line 3', line: 3 } }).success);
    assert.ok(HostToEditorSchema.safeParse({ type: 'notice', message: 'no' }).success);
    const odd = { ...board, frames: [{ written: 'a', name: 'a', state: 'hidden' }] };
    assert.equal(HostToEditorSchema.safeParse({ type: 'view', view: odd }).success, false);
  });

  it('a segment in a view lists its takes, each with a value and a label', () => {
    const segment = board.segments[0] as (typeof board.segments)[number];
    const withoutList = { ...board, segments: [{ ...segment, takes: undefined }] };
    assert.equal(HostToEditorSchema.safeParse({ type: 'view', view: withoutList }).success, false, 'the list is always there');
    const unlabelled = { ...board, segments: [{ ...segment, takes: [{ value: 'a.mp4' }] }] };
    assert.equal(HostToEditorSchema.safeParse({ type: 'view', view: unlabelled }).success, false);
  });

  it('an edit is one of four kinds', () => {
    assert.equal(StoryboardEditSchema.safeParse({ kind: 'add', files: ['/etc/passwd'] }).success, false);
  });
});
