import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { EXIT } from '../../../src/cli/exitCodes';
import { main, type MainHooks } from '../../../src/cli/main';
import { usage } from '../../../src/cli/usage';
import { TOOL_VERSION } from '../../../src/core/base/version';
import { REGION_IDS, REGIONS } from '../../../src/core/catalog/regions';
import { tempDir, writeFramePair } from '../../support/files';

function fakeStream() {
  const stream = { isTTY: false, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
  return stream;
}

/** Runs main with streams in memory. Nothing here reaches the network: every case stops before a request. */
async function run(argv: string[], env: NodeJS.ProcessEnv = {}, hooks: MainHooks = {}) {
  const stdout = fakeStream();
  const stderr = fakeStream();
  const io = { stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream, env: { LANG: 'en_US.UTF-8', DASHSCOPE_API_KEY: 'sk-test', ...env }, signal: new AbortController().signal };
  const code = await main(argv, io, hooks);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('main: the command line as a whole', () => {
  it('--version prints the version on stdout and exits 0, whatever else is on the line', async () => {
    for (const argv of [['--version'], ['generate', '--version']]) assert.deepEqual(await run(argv), { code: EXIT.saved, stdout: `${TOOL_VERSION}\n`, stderr: '' });
  });

  it('--help prints the usage on stdout and exits 0, in the user\'s language', async () => {
    assert.deepEqual(await run(['-h']), { code: EXIT.saved, stdout: `${usage(false)}\n`, stderr: '' });
    assert.equal((await run(['status', '--help'], { LANG: 'zh_CN.UTF-8' })).stdout, `${usage(true)}\n`);
  });

  it('no command: the usage on stderr, exit 2', async () => {
    assert.deepEqual(await run([]), { code: EXIT.invalidInput, stdout: '', stderr: `${usage(false)}\n` });
  });

  it('an unknown flag or command: what is wrong, then the usage, on stderr; exit 2', async () => {
    const flag = await run(['generate', '--frist', 'a.png']);
    assert.equal(flag.code, EXIT.invalidInput);
    assert.match(flag.stderr, /--frist/);
    assert.ok(flag.stderr.includes(usage(false)));
    const command = await run(['render'], { LC_ALL: 'zh_CN.UTF-8' });
    assert.equal(command.code, EXIT.invalidInput);
    assert.ok(command.stderr.startsWith('未知命令“render”。'), command.stderr);
    assert.ok(command.stderr.includes(usage(true)));
    assert.equal(flag.stdout + command.stdout, '');
  });

  it('a wrong endpoint is refused before the key is even looked at', async () => {
    const bad = await run(['status', 't-1', '--region', 'mars-north-1', '--base-url', 'http://127.0.0.1:1'], { DASHSCOPE_API_KEY: '' });
    assert.equal(bad.code, EXIT.invalidInput);
    assert.match(bad.stderr, /mars-north-1/);
  });

  it('a region without a shared host needs --workspace: exit 2 naming the region', async () => {
    const region = REGION_IDS.find((id) => REGIONS[id].sharedBaseUrl === undefined);
    assert.ok(region);
    const result = await run(['status', 't-1', '--region', region]);
    assert.equal(result.code, EXIT.invalidInput);
    assert.ok(result.stderr.includes(REGIONS[region].name.en), result.stderr);
    assert.match((await run(['status', 't-1', '--region', region], { LANG: 'zh_CN.UTF-8' })).stderr, /没有公共域名/);
  });

  it('no API key (or only blanks): exit 2 saying where to put it, in the user\'s language', async () => {
    for (const key of [undefined, '', '   ']) {
      const result = await run(['status', 't-1'], { DASHSCOPE_API_KEY: key });
      assert.equal(result.code, EXIT.invalidInput);
      assert.match(result.stderr, /Set your API key in the DASHSCOPE_API_KEY environment variable/);
    }
    assert.match((await run(['cancel', 't-1'], { LANG: 'zh_CN.UTF-8', DASHSCOPE_API_KEY: '' })).stderr, /请在环境变量 DASHSCOPE_API_KEY 中设置/);
  });

  it('estimate sends nothing: it runs without a key, and in a region without a shared host without --workspace', async () => {
    const region = REGION_IDS.find((id) => REGIONS[id].sharedBaseUrl === undefined);
    assert.ok(region);
    const result = await run(['estimate', '--model', 'wan3.0-video', '--region', region, '--json'], { DASHSCOPE_API_KEY: '' });
    assert.equal(result.code, EXIT.saved, result.stderr);
    assert.equal(result.stderr, '');
    assert.equal((JSON.parse(result.stdout) as { region: string }).region, region);
  });

  it('estimate: a bad region or endpoint is still refused (exit 2), and its usage mistakes come with the usage', async () => {
    const region = await run(['estimate', '--model', 'wan2.7-i2v', '--region', 'mars-1'], { DASHSCOPE_API_KEY: '' });
    assert.equal(region.code, EXIT.invalidInput);
    assert.match(region.stderr, /Unknown region “mars-1”/);
    const noModel = await run(['estimate'], { DASHSCOPE_API_KEY: '' });
    assert.equal(noModel.code, EXIT.invalidInput);
    assert.ok(noModel.stderr.startsWith('estimate needs --model M.\n\n'), noModel.stderr);
    assert.ok(noModel.stderr.includes(usage(false)));
  });

  it('a name an object merely inherits (toString, constructor) is not a command', async () => {
    for (const name of ['toString', 'constructor', '__proto__']) {
      const result = await run([name, '--model', 'wan2.7-i2v']);
      assert.equal(result.code, EXIT.invalidInput, name);
      assert.ok(result.stderr.startsWith(`Unknown command “${name}”.`), result.stderr);
    }
  });

  it('a command\'s own usage mistake: its message and the usage on stderr, exit 2', async () => {
    const result = await run(['resume', 't-1']);
    assert.equal(result.code, EXIT.invalidInput);
    assert.ok(result.stderr.startsWith('resume needs --out DIR.\n\n'), result.stderr);
    assert.ok(result.stderr.includes(usage(false)));
  });

  it('a failure that is not the service\'s is not swallowed: main rejects with it (index.ts prints it, exit 1)', async () => {
    const dir = await tempDir('wk-cli-main-');
    const { first, last } = await writeFramePair(dir);
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    // Every check passes without a request; the output folder cannot be made (inside a file): not a WanError.
    await assert.rejects(run(['generate', '--first', first, '--last', last, '--out', path.join(file, 'videos')]), (error: NodeJS.ErrnoException) => error.code === 'ENOTDIR');
  });
});

describe('main: the takes commands and dry runs need no key', () => {
  it('takes, keep and extract run without DASHSCOPE_API_KEY; a missing video is said, not a missing key', async () => {
    const folder = await tempDir('wk-cli-main-');
    const listed = await run(['takes', folder, '--json'], { DASHSCOPE_API_KEY: '' });
    assert.deepEqual(listed, { code: EXIT.saved, stdout: '[]\n', stderr: '' });
    const kept = await run(['keep', path.join(folder, 'gone.mp4')], { DASHSCOPE_API_KEY: '' });
    assert.equal(kept.code, EXIT.invalidInput);
    assert.match(kept.stderr, /has no take beside it/);
    const extracted = await run(['extract', path.join(folder, 'gone.mp4'), '--last'], { DASHSCOPE_API_KEY: '' });
    assert.equal(extracted.code, EXIT.invalidInput);
    assert.doesNotMatch(extracted.stderr, /DASHSCOPE_API_KEY/);
  });

  it('generate --dry-run without a key prints the plan; without --dry-run the key is asked for', async () => {
    const { first, last } = await writeFramePair(await tempDir('wk-cli-main-'));
    const dry = await run(['generate', '--first', first, '--last', last, '--count', '2', '--dry-run'], { DASHSCOPE_API_KEY: '' });
    assert.equal(dry.code, EXIT.saved, dry.stderr);
    assert.match(dry.stdout, /take 2: seed \d+ → /);
    const wet = await run(['generate', '--first', first, '--last', last], { DASHSCOPE_API_KEY: '' });
    assert.equal(wet.code, EXIT.invalidInput);
    assert.match(wet.stderr, /DASHSCOPE_API_KEY/);
  });

  it('--dry-run on a command that would send anyway (cancel, status, resume) is a usage mistake, not a real cancel', async () => {
    for (const command of ['cancel', 'status', 'resume']) {
      const result = await run([command, 'task-1', '--dry-run'], { DASHSCOPE_API_KEY: 'placeholder' });
      assert.equal(result.code, EXIT.invalidInput, command);
      assert.match(result.stderr, new RegExp(`${command} has no --dry-run`));
    }
  });

  it('storyboard: its subcommands and `join` send nothing and need no key; making segments or continuing a clip does, except a dry run', async () => {
    const dir = await tempDir('wk-cli-main-');
    const { first, last } = await writeFramePair(dir);
    const noKey = { DASHSCOPE_API_KEY: '' };
    const making = await run(['storyboard', first, last], noKey);
    assert.equal(making.code, EXIT.invalidInput);
    assert.match(making.stderr, /Set your API key/);
    const plan = await run(['storyboard', 'plan', path.join(dir, 'none.storyboard.json')], noKey);
    assert.doesNotMatch(plan.stderr, /Set your API key/);
    const joined = await run(['join', first, last, '--out', path.join(dir, 'f.mp4')], noKey);
    assert.doesNotMatch(joined.stderr, /Set your API key/);
    assert.match(joined.stderr, /cannot be joined/);
    assert.match((await run(['continue', path.join(dir, 'gone.mp4'), '--duration', '5'], noKey)).stderr, /Set your API key/);
    const dry = await run(['continue', path.join(dir, 'gone.mp4'), '--duration', '5', '--dry-run'], noKey);
    assert.doesNotMatch(dry.stderr, /Set your API key/);
    assert.equal(dry.code, EXIT.invalidInput, 'a missing clip is said before anything');
    const bare = await run(['storyboard'], noKey);
    assert.equal(bare.code, EXIT.invalidInput);
    assert.doesNotMatch(bare.stderr, /Set your API key/, 'a bare storyboard is a usage mistake');
  });
});

describe('main: the hook before a client (the CLI keeps WebAssembly on V8’s baseline there)', () => {
  it('called once when a command makes its client; never for an offline command, help, a missing key or a usage mistake before it', async () => {
    const counted = async (argv: string[], env: NodeJS.ProcessEnv = {}) => {
      let count = 0;
      await run(argv, env, { beforeClient: () => count++ });
      return count;
    };
    const empty = await tempDir('wk-cli-hooks-');
    assert.equal(await counted(['status']), 1, 'status without a task id: the client was made, then the usage mistake said');
    assert.equal(await counted(['takes', empty]), 0);
    assert.equal(await counted(['--help']), 0);
    assert.equal(await counted(['status', 'task-1'], { DASHSCOPE_API_KEY: '' }), 0);
    assert.equal(await counted(['nonsense']), 0);
  });
});
