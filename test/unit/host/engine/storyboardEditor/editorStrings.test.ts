import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EDITOR_NOTICES, editorStrings } from '../../../../../src/host/engine/storyboardEditor/editorStrings';
import { STORYBOARD_EDITOR_STRING_KEYS, StoryboardEditorStringsSchema } from '../../../../../src/shared/storyboardEditorProtocol';

describe('the storyboard editor’s strings', () => {
  it('has every key the page uses, in both languages, and they differ', () => {
    const en = editorStrings('en');
    const zh = editorStrings('zh-cn');
    assert.ok(StoryboardEditorStringsSchema.safeParse(en).success);
    assert.ok(StoryboardEditorStringsSchema.safeParse(zh).success);
    for (const key of STORYBOARD_EDITOR_STRING_KEYS) {
      assert.ok(en[key] && zh[key], key);
      assert.notEqual(en[key], zh[key], key);
    }
  });

  it('keeps the same placeholders in both languages', () => {
    const en = editorStrings('en');
    const zh = editorStrings('zh-CN');
    const holes = (text: string) => [...text.matchAll(/\{\d\}/g)].map((match) => match[0]).sort();
    for (const key of STORYBOARD_EDITOR_STRING_KEYS) assert.deepEqual(holes(zh[key]), holes(en[key]), key);
    for (const notice of Object.values(EDITOR_NOTICES)) assert.ok(notice.en && notice.zh);
  });
});
