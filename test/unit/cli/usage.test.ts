import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OPTIONS } from '../../../src/cli/args';
import { EXIT } from '../../../src/cli/exitCodes';
import { DEFAULT_CLI_MODEL, usage } from '../../../src/cli/usage';
import { TOOL_VERSION } from '../../../src/core/base/version';
import { MODEL_IDS, MODELS } from '../../../src/core/catalog/models';
import { REGION_IDS, REGIONS } from '../../../src/core/catalog/regions';

const LANGUAGES = [false, true];
const modelsLine = (text: string) => text.split('\n').find((line) => /Models: |模型：/.test(line)) ?? '';

describe('the usage text, from the catalog', () => {
  it('names the version and every command, in both languages', () => {
    for (const zh of LANGUAGES) {
      const text = usage(zh);
      assert.ok(text.startsWith(`wan-keyframes ${TOOL_VERSION}`), text);
      for (const command of ['generate', 'status', 'cancel', 'resume', 'estimate', 'continue', 'storyboard', 'join']) assert.match(text, new RegExp(`^  wan-keyframes ${command} `, 'm'), command);
    }
  });

  it('lists every model of the catalog, marks the default once and each workspace-only model', () => {
    assert.ok((MODEL_IDS as readonly string[]).includes(DEFAULT_CLI_MODEL), 'the default is a catalog model');
    for (const zh of LANGUAGES) {
      const entries = modelsLine(usage(zh)).replace(/^.*?(Models: |模型：)/, '').replace(/[.。]$/, '').split(', ');
      assert.equal(entries.length, MODEL_IDS.length, modelsLine(usage(zh)));
      for (const id of MODEL_IDS) {
        const entry = entries.find((text) => text === id || text.startsWith(`${id} `) || text.startsWith(`${id}（`)) ?? '';
        assert.ok(entry, `${id} listed`);
        assert.equal(/default|默认/.test(entry), id === DEFAULT_CLI_MODEL, entry);
        assert.equal(/--workspace/.test(entry), MODELS[id].workspaceOnly, entry);
      }
    }
  });

  it('lists every region, and says which ones need --workspace', () => {
    const needing = REGION_IDS.filter((region) => REGIONS[region].sharedBaseUrl === undefined);
    assert.ok(needing.length > 0);
    for (const zh of LANGUAGES) {
      const line = usage(zh).split('\n').find((text) => /^(Regions: |地域：)/.test(text)) ?? '';
      for (const region of REGION_IDS) assert.ok(line.includes(region), `${region} in “${line}”`);
      const workspaceClause = line.slice(line.indexOf(zh ? '；' : ';'));
      for (const region of REGION_IDS) assert.equal(workspaceClause.includes(region), needing.includes(region), `${region}: ${workspaceClause}`);
    }
  });

  it('gives the shaped model\'s ratios and duration range', () => {
    const shaped = MODEL_IDS.find((id) => MODELS[id].shape);
    assert.ok(shaped);
    const spec = MODELS[shaped];
    for (const zh of LANGUAGES) {
      const line = usage(zh).split('\n').find((text) => text.startsWith(`${shaped}${zh ? '：' : ':'}`)) ?? '';
      for (const ratio of spec.shape?.ratios ?? []) assert.ok(line.includes(ratio), `${ratio} in “${line}”`);
      assert.ok(line.includes(`${spec.duration.min}–${spec.duration.max}`), line);
    }
  });

  it('documents every flag a command reads', () => {
    const text = usage(false);
    const commandFlags = Object.keys(OPTIONS).filter((flag) => flag !== 'help' && flag !== 'version');
    for (const flag of commandFlags) assert.ok(text.includes(`--${flag}`), `--${flag} is documented`);
  });

  it('explains every exit code the CLI can return, in both languages', () => {
    for (const zh of LANGUAGES) {
      const exits = usage(zh).slice(usage(zh).search(/Exit codes:|退出码：/));
      assert.ok(exits.length > 0);
      for (const code of Object.values(EXIT)) assert.match(exits, new RegExp(`(^|[ ，,:：])${code} `, 'm'), `exit ${code} (${zh ? 'zh' : 'en'})`);
    }
  });

  it('the Chinese text is Chinese, not the English one', () => {
    assert.notEqual(usage(true), usage(false));
    assert.match(usage(true), /用首帧和尾帧生成视频/);
    assert.doesNotMatch(usage(false), /[\u4e00-\u9fff]/);
  });
});
