import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine, resolveEndpoint, UsageError } from '../../../src/cli/args';
import { priceRegion, REGION_IDS, REGIONS } from '../../../src/core/catalog/regions';

const endpoint = (argv: string[], zh = false) => resolveEndpoint(parseCommandLine(argv).values, zh ? 'zh_CN.UTF-8' : 'en_US.UTF-8', zh);
const usageError = (argv: string[], message: RegExp, zh = false) =>
  assert.throws(() => endpoint(argv, zh), (error: unknown) => error instanceof UsageError && message.test(error.message));

describe('the command line', () => {
  it('keeps the command and its task id as positionals, and reads -h, --no-… and --flag=value', () => {
    const { values, positionals } = parseCommandLine(['status', 'task-1', '-h', '--no-audio', '--seed=-3', '--json']);
    assert.deepEqual(positionals, ['status', 'task-1']);
    assert.equal(values.help, true);
    assert.equal(values.audio, false);
    assert.equal(values.seed, '-3');
    assert.equal(values.json, true);
    assert.equal(values['prompt-extend'], undefined, 'a flag not given stays unset, so the command picks its default');
  });

  it('refuses an unknown flag and a string flag without its value', () => {
    assert.throws(() => parseCommandLine(['generate', '--frist', 'a.png']), /--frist/);
    assert.throws(() => parseCommandLine(['generate', '--first']), /--first/);
  });
});

describe('where the requests go', () => {
  it('without flags: Beijing\'s shared host', () => {
    assert.deepEqual(endpoint([]), { kind: 'region', region: 'cn-beijing', baseUrl: REGIONS['cn-beijing'].sharedBaseUrl });
  });

  it('--region picks that region\'s shared host; with --workspace, the workspace\'s own host', () => {
    assert.equal(endpoint(['--region', 'us-east-1']).baseUrl, REGIONS['us-east-1'].sharedBaseUrl);
    const workspace = endpoint(['--region', 'ap-southeast-1', '--workspace', 'llm-abc']);
    assert.equal(workspace.kind, 'workspace');
    assert.equal(workspace.baseUrl, 'https://llm-abc.ap-southeast-1.maas.aliyuncs.com');
  });

  it('a region without a shared host and no --workspace leaves the host empty (main refuses it)', () => {
    const lonely = REGION_IDS.find((region) => REGIONS[region].sharedBaseUrl === undefined);
    assert.ok(lonely);
    assert.deepEqual(endpoint(['--region', lonely]), { kind: 'region', region: lonely, baseUrl: '' });
  });

  it('--base-url replaces the host (normalised), and --workspace then names the workspace it serves', () => {
    assert.deepEqual(endpoint(['--base-url', 'http://127.0.0.1:8080/api/v1/']), { kind: 'custom', baseUrl: 'http://127.0.0.1:8080', workspaceId: undefined });
    assert.equal(endpoint(['--base-url', 'http://gateway.test', '--workspace', 'llm-abc']).workspaceId, 'llm-abc');
  });

  it('--region beside --base-url names the region whose prices apply; requests still go to the URL', () => {
    const named = endpoint(['--region', 'ap-southeast-1', '--base-url', 'http://127.0.0.1:1']);
    assert.equal(named.baseUrl, 'http://127.0.0.1:1');
    assert.equal(priceRegion(named), 'ap-southeast-1');
    assert.equal(priceRegion(endpoint(['--base-url', 'http://127.0.0.1:1'])), undefined, 'a URL alone names no region');
    usageError(['--region', 'mars-north-1', '--base-url', 'http://127.0.0.1:1'], /mars-north-1/);
  });

  it('a base URL that is not plain http(s) is refused, quoting it', () => {
    for (const bad of ['ftp://example.com', 'https://user:pw@example.com', 'https://example.com/?key=1', 'not a url']) usageError(['--base-url', bad], new RegExp(`“${bad.replace(/[?.*+]/g, '\\$&')}”`));
  });

  it('an unknown region is refused with the list of every region', () => {
    usageError(['--region', 'mars-north-1'], new RegExp(`mars-north-1.*${REGION_IDS.join(', ')}`));
  });

  it('a placeholder or a pasted host as --workspace is refused, saying why, in the user\'s language', () => {
    usageError(['--workspace', '{WorkspaceId}'], /placeholder/);
    usageError(['--workspace', '{WorkspaceId}'], /占位符/, true);
    usageError(['--workspace', 'https://llm-abc.cn-beijing.maas.aliyuncs.com'], /llm-abc/);
  });

  it('storyboard reads --prompt once per segment, in order (the last one is its single prompt)', () => {
    const { values, positionals } = parseCommandLine(['storyboard', 'a.png', 'b.png', 'c.png', '--prompt', 'dawn', '--prompt', 'dusk']);
    assert.deepEqual(positionals, ['storyboard', 'a.png', 'b.png', 'c.png']);
    assert.deepEqual(values.prompts, ['dawn', 'dusk']);
    assert.equal(values.prompt, 'dusk');
    assert.equal(parseCommandLine(['generate', '--prompt', 'one']).values.prompt, 'one');
    assert.equal(parseCommandLine(['generate', '--prompt', 'one']).values.prompts, undefined);
  });
});
