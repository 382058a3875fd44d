import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine, resolveEndpoint, UsageError } from '../../../../src/cli/args';
import { estimate } from '../../../../src/cli/commands/estimate';
import type { CliContext } from '../../../../src/cli/context';
import { EXIT } from '../../../../src/cli/exitCodes';

function fakeStream() {
  const stream = { isTTY: false, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
  return stream;
}

/** A context for `argv`, its endpoint resolved as main resolves it; no client at all (estimate needs none). */
function context(argv: string[], locale = 'en_US.UTF-8') {
  const stdout = fakeStream();
  const stderr = fakeStream();
  const { values, positionals } = parseCommandLine(['estimate', ...argv]);
  const zh = locale.startsWith('zh');
  const endpoint = resolveEndpoint(values, locale, zh);
  const ctx = { io: { stdout, stderr, env: {}, signal: new AbortController().signal }, values, positionals, locale, zh, endpoint, say: (text: string) => stderr.write(`${text}\n`) };
  return { ctx: ctx as unknown as CliContext, stdout, stderr };
}

async function run(argv: string[], locale?: string) {
  const { ctx, stdout, stderr } = context(argv, locale);
  const code = await estimate(ctx);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The keys issue 20 fixes for `--json`, in its order. */
const JSON_KEYS = ['model', 'region', 'currency', 'perSecond', 'seconds', 'perTake', 'count', 'total', 'freeQuotaSeconds', 'source'];
const isRange = (value: unknown) => typeof value === 'object' && value !== null && Object.keys(value).join() === 'min,max' && Object.values(value).every((n) => typeof n === 'number');

describe('estimate', () => {
  it('--json: exactly one object with the fixed keys, numbers as numbers', async () => {
    const { code, stdout, stderr } = await run(['--model', 'wan3.0-video', '--resolution', '720p', '--duration', 'auto', '--count', '4', '--json']);
    assert.equal(code, EXIT.saved);
    assert.equal(stderr, '');
    assert.equal(stdout.split('\n').length, 2, 'one line');
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(printed), JSON_KEYS);
    assert.equal(printed.model, 'wan3.0-video');
    assert.equal(printed.region, 'cn-beijing');
    assert.equal(printed.currency, 'CNY');
    assert.equal(printed.perSecond, 0.6);
    assert.deepEqual(printed.seconds, { min: 2, max: 30 });
    for (const key of ['seconds', 'perTake', 'total']) assert.ok(isRange(printed[key]), key);
    assert.equal(printed.count, 4);
    assert.equal(typeof printed.freeQuotaSeconds, 'number');
    assert.equal((printed.source as { tag: string }).tag, 'S-PRICE-CN');
  });

  it('--json with no price: perSecond, perTake and total null, and an explanation in both languages', async () => {
    const hongKong = JSON.parse((await run(['--model', 'wan3.0-video', '--region', 'cn-hongkong', '--workspace', 'llm-abc', '--json'])).stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(hongKong), [...JSON_KEYS, 'explanation']);
    for (const key of ['perSecond', 'perTake', 'total', 'source', 'freeQuotaSeconds']) assert.equal(hongKong[key], null, key);
    assert.ok(isRange(hongKong.seconds));
    const explanation = hongKong.explanation as { en: string; zh: string };
    assert.match(explanation.en, /Hong Kong/);
    assert.match(explanation.zh, /香港/);
    const custom = await run(['--model', 'wan2.7-i2v', '--base-url', 'http://127.0.0.1:9', '--json']);
    assert.equal(custom.code, EXIT.saved);
    const printed = JSON.parse(custom.stdout) as Record<string, unknown>;
    assert.equal(printed.region, null);
    assert.equal(printed.perSecond, null);
    assert.match((printed.explanation as { en: string }).en, /custom base URL/);
  });

  it('text: the estimate line, then what it rests on (price, source, date), in the user\'s language', async () => {
    const english = await run(['--model', 'wan2.2-kf2v-flash', '--resolution', '720P', '--count', '4']);
    assert.equal(english.code, EXIT.saved);
    const [line, basis, free] = english.stdout.trimEnd().split('\n');
    assert.equal(line, '≈ ¥1.00 per take · ¥4.00 for 4 · free quota may cover this');
    assert.match(basis ?? '', /^wan2\.2-kf2v-flash 720P, 5 s a take, China \(Beijing\): ¥0\.20 per second \(S-PRICE-CN, as of \d{4}-\d{2}: https:\/\/\S+\)/);
    assert.match(free ?? '', /50 s/);
    const chinese = await run(['--model', 'wan2.2-kf2v-flash', '--resolution', '720P', '--count', '4'], 'zh_CN.UTF-8');
    assert.ok(chinese.stdout.startsWith('约 ¥1.00/条 · 4 条共 ¥4.00 · 免费额度或可抵扣\nwan2.2-kf2v-flash 720P，每条 5 秒，中国（北京）：每秒 ¥0.20'), chinese.stdout);
  });

  it('shows an official USD figure beside the CNY one where there is one, and says when the model chooses the length', async () => {
    const plus = await run(['--model', 'wan2.1-kf2v-plus', '--region', 'ap-southeast-1']);
    assert.match(plus.stdout, /¥0\.733924 per second/);
    assert.match(plus.stdout, /Official USD price: \$0\.10 per second \(S-KF2V-EN, as of 2025-06\)/);
    assert.doesNotMatch(plus.stdout, /free/, 'no free tier outside Beijing');
    const auto = await run(['--model', 'wan3.0-video-prime', '--region', 'ap-northeast-1', '--duration', 'auto']);
    assert.equal(auto.code, EXIT.saved, auto.stderr);
    assert.match(auto.stdout, /2–30 s \(the model chooses\) a take, Japan \(Tokyo\): ¥1\.80 per second/);
  });

  it('an unknown price is said as such, with the reason, exit 0', async () => {
    const result = await run(['--model', 'wan2.2-kf2v-flash', '--region', 'ap-southeast-1']);
    assert.equal(result.code, EXIT.saved);
    assert.match(result.stdout, /^price unknown\n.*lists no Singapore price for wan2\.2-kf2v-flash/);
  });

  it('a bad count (0, 9, two, a fraction) is refused with its own message, nothing printed on stdout: exit 2', async () => {
    const said = new Set<string>();
    for (const count of ['0', '9', 'two', '2.5']) {
      const result = await run(['--model', 'wan2.7-i2v', '--count', count]);
      assert.equal(result.code, EXIT.invalidInput, count);
      assert.equal(result.stdout, '');
      assert.ok(result.stderr.includes(count) && /from 1 to 8/.test(result.stderr), result.stderr);
      said.add(result.stderr.replace(count, ''));
    }
    assert.ok(said.size >= 3, 'not one message for every mistake');
    assert.match((await run(['--model', 'wan2.7-i2v', '--count', 'two'], 'zh_CN.UTF-8')).stderr, /不是数字/);
  });

  it('a bad model, resolution, duration or region for the model: its message, exit 2, every mistake at once', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--model', 'sora'], /Unknown model “sora”/],
      [['--model', 'wan2.7-i2v', '--resolution', '480P'], /wan2\.7-i2v has no 480P/],
      [['--model', 'wan3.0-video', '--duration', '31'], /from 2 to 30, or auto/],
      [['--model', 'wan2.2-kf2v-flash', '--duration', '7'], /always makes 5 s/],
      [['--model', 'wan2.7-i2v', '--region', 'us-east-1'], /wan2\.7-i2v is not offered in US \(Virginia\)/],
    ];
    for (const [argv, message] of cases) {
      const result = await run(argv);
      assert.equal(result.code, EXIT.invalidInput, argv.join(' '));
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    }
    const several = await run(['--model', 'wan2.7-i2v', '--resolution', '4K', '--duration', '99', '--count', '0']);
    assert.equal(several.stderr.trimEnd().split('\n').length, 3, several.stderr);
  });

  it('without --model: a usage error', async () => {
    const { ctx, stdout } = context([]);
    await assert.rejects(estimate(ctx), UsageError);
    assert.equal(stdout.text, '');
  });
});
