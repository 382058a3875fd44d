// How soon a finished task is seen, and how many status requests that costs, against the official SDK's wait()
// schedule (dashscope-api.md §8.1: 1, 1, 2, 2, 2, 4, 4, 4, then 5 s) measured in the same run:
//   A. one task at a time on virtual time: the SDK's schedule, ours with nothing learnt, ours with a running time learnt
//      from 20 earlier tasks (and from tasks of another kind), on seeded log-normal running times;
//   B. eight live jobs of one key through one TaskWatch (one task-list call per tick) against eight SDK pollers;
//   C. the CLI as a user runs it (its own process) against the simulator, with takes of earlier runs in its folder,
//      beside SDK-schedule pollers on the same simulator.
// The code under test is bundled from src/ (and the simulator from test/sandbox/) with esbuild into a temporary folder.
// Run: `node bench/poll.mjs [tasks per distribution, default 2000] [--no-cli]`.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const TASKS = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 2000);
const scratch = mkdtempSync(path.join(tmpdir(), 'wk-bench-poll-'));
const require = createRequire(import.meta.url);

async function bundle(name, contents, extra = {}) {
  const entry = path.join(scratch, `${name}.entry.ts`);
  writeFileSync(entry, contents);
  const outfile = path.join(scratch, `${name}.cjs`);
  await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error', define: { __WAN_KEYFRAMES_VERSION__: '"0.0.0-bench"' }, ...extra });
  return outfile;
}

const src = (file) => JSON.stringify(path.join(root, file));
const core = require(
  await bundle(
    'core',
    [
      `export { pollTask } from ${src('src/core/service/poll.ts')};`,
      `export { TaskWatch } from ${src('src/core/service/taskWatch.ts')};`,
      `export { TimingModel } from ${src('src/core/job/timingModel.ts')};`,
      `export { parseTake } from ${src('src/core/output/takeReader.ts')};`,
      `export { scanTakes } from ${src('src/core/output/takeScan.ts')};`,
      `export { DashScopeClient } from ${src('src/core/service/client.ts')};`,
      `export { systemClock } from ${src('src/core/base/clock.ts')};`,
      `export { TaskQueryResponseSchema, ListedTaskSchema } from ${src('src/core/service/schemas.ts')};`,
      `export { beijingTimeText } from ${src('src/core/service/taskTimes.ts')};`,
      `export { quantile } from ${src('src/core/service/timeDistribution.ts')};`,
    ].join('\n'),
  ),
);

// ---- seeded randomness ----------------------------------------------------------------------------------------

function seeded(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return { next, logNormal: (median, sigma) => median * Math.exp(sigma * normal()) };
}

const START = Date.UTC(2026, 11, 1, 4, 0, 0);
const MODEL = 'wan2.7-i2v';
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
const fmt = (value, digits = 2) => value.toFixed(digits);

const KIND = { model: MODEL, resolution: '720P', duration: 5, region: 'cn-beijing' };

/**
 * What the product's own model learns from `count` earlier tasks: the user's takes of the same kind (model,
 * resolution, length, region), or only the account's task list (which knows the model, not the kind).
 */
function learnt(random, count, runMedian, runSigma, from = 'takes') {
  const model = new core.TimingModel(() => START);
  for (let index = 0; index < count; index++) {
    const end = START - 3600_000 - index * 60_000;
    const run = random.logNormal(runMedian, runSigma);
    const queue = random.logNormal(5_000, 0.5);
    if (from === 'takes') {
      const read = core.parseTake(JSON.stringify(earlierTake(MODEL, `earlier-${index}`, end - run - queue, end - run, end, KIND)), '/shots/earlier.json');
      model.addTake(read.found);
    } else {
      model.addListed([core.ListedTaskSchema.parse({ task_id: `earlier-${index}`, model_name: MODEL, status: 'SUCCEEDED', region: KIND.region, gmt_create: end - run - queue, start_time: end - run, end_time: end })]);
    }
  }
  return model.timingFor(KIND);
}

// ---- A. one task at a time ------------------------------------------------------------------------------------

/** The SDK's wait() as dashscope-api.md §8.1 writes it (not our code): the query that sees the end, and how many. */
function sdkWait(finishMs) {
  let wait = 1;
  let step = 0;
  let at = 0;
  let queries = 0;
  for (;;) {
    step++;
    if (wait < 5 && step % 3 === 0) wait = Math.min(wait * 2, 5);
    queries++;
    if (at >= finishMs) return { delay: at - finishMs, queries };
    at += wait * 1000;
  }
}

function virtualClock() {
  let now = START;
  return { now: () => now, clock: { now: () => now, sleep: async (ms) => void (now += Math.max(0, ms)) } };
}

/** A task on virtual time, queued `queueMs` then running `runMs`, answering as GET /tasks/{id} does. */
function fakeTask(time, queueMs, runMs) {
  const submitted = time.now();
  const source = {
    queries: 0,
    async getTask(taskId) {
      source.queries++;
      const elapsed = time.now() - submitted;
      const status = elapsed < queueMs ? 'PENDING' : elapsed < queueMs + runMs ? 'RUNNING' : 'SUCCEEDED';
      const output = { task_id: taskId, task_status: status, submit_time: core.beijingTimeText(submitted) };
      if (status !== 'PENDING') output.scheduled_time = core.beijingTimeText(submitted + queueMs);
      if (status === 'SUCCEEDED') Object.assign(output, { end_time: core.beijingTimeText(submitted + queueMs + runMs), video_url: 'https://example.test/v.mp4' });
      return core.TaskQueryResponseSchema.parse({ request_id: `r${source.queries}`, output });
    },
  };
  return source;
}

async function ours(queueMs, runMs, timing) {
  const time = virtualClock();
  const source = fakeTask(time, queueMs, runMs);
  await core.pollTask(source, 'task', { clock: time.clock, timing });
  return { delay: time.now() - START - queueMs - runMs, queries: source.queries };
}

async function partA() {
  console.log(`A. one task at a time, ${TASKS} tasks per distribution (queue log-normal, median 5 s, σ 0.5)`);
  console.log('   schedule                               delay s  queries   delay×q   ratios to the SDK: delay  queries  product');
  const distributions = [
    { name: 'running log-normal, median 300 s, σ 0.25', median: 300_000, sigma: 0.25 },
    { name: 'running log-normal, median 300 s, σ 0.6 (wider)', median: 300_000, sigma: 0.6 },
  ];
  const summary = [];
  for (const [index, distribution] of distributions.entries()) {
    const random = seeded(1000 + index);
    const tasks = Array.from({ length: TASKS }, () => ({ queue: random.logNormal(5_000, 0.5), run: random.logNormal(distribution.median, distribution.sigma) }));
    // Ten histories of 20 earlier tasks each, taken in turn: one lucky or unlucky history does not decide the result.
    const histories = Array.from({ length: 10 }, (_, k) => learnt(seeded(2000 + 100 * index + k), 20, distribution.median, distribution.sigma));
    const otherKinds = Array.from({ length: 10 }, (_, k) => learnt(seeded(3000 + 100 * index + k), 20, distribution.median * 0.4, distribution.sigma, 'list'));
    const rows = [];
    const sdk = tasks.map((task) => sdkWait(task.queue + task.run));
    rows.push(['SDK wait() (reference)', sdk]);
    for (const [label, timings] of [['ours, nothing learnt', [undefined]], ['ours, learnt from 20 tasks of the kind', histories], ['ours, list of other kinds (×0.4)', otherKinds]]) {
      const runs = [];
      for (const [i, task] of tasks.entries()) runs.push(await ours(task.queue, task.run, timings[i % timings.length]));
      rows.push([label, runs]);
    }
    const reference = { delay: mean(sdk.map((run) => run.delay)) / 1000, queries: mean(sdk.map((run) => run.queries)) };
    const range = (timings, p) => {
      const values = timings.map((timing) => core.quantile(timing.running, p) / 1000);
      return `${fmt(Math.min(...values), 0)}–${fmt(Math.max(...values), 0)} s`;
    };
    const learntAs = (timings) => `p50 ${range(timings, 0.5)}, p90 ${range(timings, 0.9)} (${timings[0].level})`;
    console.log(`   ${distribution.name}`);
    console.log(`     learnt from takes of the kind: ${learntAs(histories)}; from a list of other kinds: ${learntAs(otherKinds)}`);
    for (const [label, runs] of rows) {
      const delay = mean(runs.map((run) => run.delay)) / 1000;
      const queries = mean(runs.map((run) => run.queries));
      const ratios = { delay: delay / reference.delay, queries: queries / reference.queries };
      console.log(`   ${label.padEnd(39)} ${fmt(delay).padStart(7)} ${fmt(queries, 1).padStart(8)} ${fmt(delay * queries, 1).padStart(9)}   ×${fmt(ratios.delay)}   ×${fmt(ratios.queries)}   ×${fmt(ratios.delay * ratios.queries)}`);
      summary.push({ distribution: distribution.name, label, ...ratios });
    }
  }
  return summary;
}

// ---- B. eight live jobs of one key ----------------------------------------------------------------------------

/** Virtual time for many waiters: a sleep is parked until every promise that can move has moved. */
function eventClock() {
  let now = START;
  const parked = [];
  const clock = {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        parked.push({ at: now + Math.max(0, ms), wake: resolve });
      }),
  };
  return {
    clock,
    now: () => now,
    async run(done) {
      let finished = false;
      const watched = done.finally(() => (finished = true));
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (finished || parked.length === 0) break;
        now = Math.max(now, Math.min(...parked.map((entry) => entry.at)));
        for (const entry of parked.filter((item) => item.at <= now)) {
          parked.splice(parked.indexOf(entry), 1);
          entry.wake();
        }
      }
      return watched;
    },
  };
}

/** Eight tasks submitted a second apart on an account running five at a time. */
function eightTasks(random, median, sigma) {
  const slots = Array(5).fill(START);
  return Array.from({ length: 8 }, (_, index) => {
    const submittedAt = START + index * 1000;
    slots.sort((a, b) => a - b);
    const startAt = Math.max(submittedAt + random.logNormal(2_000, 0.5), slots[0]);
    const endAt = startAt + random.logNormal(median, sigma);
    slots[0] = endAt;
    return { id: `job-${index}`, submittedAt, startAt, endAt };
  });
}

function account(time, tasks) {
  const status = (task) => (time.now() < task.startAt ? 'PENDING' : time.now() < task.endAt ? 'RUNNING' : 'SUCCEEDED');
  const world = {
    requests: [],
    async listTasks(query) {
      world.requests.push(time.now());
      const rows = tasks.filter((task) => task.submittedAt >= query.startTime.getTime() && task.submittedAt <= query.endTime.getTime());
      const data = rows.map((task) => {
        const now = status(task);
        return core.ListedTaskSchema.parse({ task_id: task.id, model_name: MODEL, status: now, gmt_create: task.submittedAt, start_time: now === 'PENDING' ? task.submittedAt : task.startAt, ...(now === 'SUCCEEDED' ? { end_time: task.endAt } : {}) });
      });
      return { data, total: data.length, total_page: 1, page_no: 1 };
    },
    async getTask(id) {
      world.requests.push(time.now());
      const task = tasks.find((item) => item.id === id);
      const now = status(task);
      const output = { task_id: id, task_status: now, submit_time: core.beijingTimeText(task.submittedAt) };
      if (now !== 'PENDING') output.scheduled_time = core.beijingTimeText(task.startAt);
      if (now === 'SUCCEEDED') Object.assign(output, { end_time: core.beijingTimeText(task.endAt), video_url: 'https://example.test/v.mp4' });
      return core.TaskQueryResponseSchema.parse({ request_id: 'r', output });
    },
  };
  return world;
}

function peakPerSecond(times) {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

async function partB() {
  const batches = 40;
  console.log(`\nB. eight live jobs of one key (five run at a time), ${batches} seeded batches, running log-normal median 300 s, σ 0.25`);
  console.log('   how                                   requests/batch  per tick  mean QPS  peak in 1 s  delay s');
  const history = learnt(seeded(4000), 20, 300_000, 0.25);
  const rows = { sdk: [], none: [], learnt: [] };
  for (let batch = 0; batch < batches; batch++) {
    const tasks = eightTasks(seeded(5000 + batch), 300_000, 0.25);
    const span = (Math.max(...tasks.map((task) => task.endAt)) - START) / 1000;
    const sdkTimes = tasks.flatMap((task) => {
      const { queries } = sdkWait(task.endAt - task.submittedAt);
      const at = [task.submittedAt];
      let wait = 1;
      for (let step = 1; at.length < queries; step++) {
        if (wait < 5 && (step + 1) % 3 === 0) wait = Math.min(wait * 2, 5);
        at.push(at.at(-1) + wait * 1000);
      }
      return at;
    });
    rows.sdk.push({ requests: sdkTimes.length, ticks: sdkTimes.length, qps: sdkTimes.length / span, peak: peakPerSecond(sdkTimes), delay: mean(tasks.map((task) => sdkWait(task.endAt - task.submittedAt).delay)) / 1000 });
    for (const [key, timing] of [['none', undefined], ['learnt', history]]) {
      const time = eventClock();
      const world = account(time, tasks);
      const watch = new core.TaskWatch(world, { clock: time.clock });
      const seen = {};
      await time.run(Promise.all(tasks.map((task) => time.clock.sleep(task.submittedAt - START).then(() => core.pollTask(watch, task.id, { clock: time.clock, timing, onUpdate: (answer) => answer.output.task_status === 'SUCCEEDED' && (seen[task.id] = time.now()) })))));
      const until = (Math.max(...Object.values(seen)) - START) / 1000;
      rows[key].push({ requests: world.requests.length, ticks: watch.stats.ticks, qps: world.requests.length / until, peak: peakPerSecond(world.requests), delay: mean(tasks.map((task) => seen[task.id] - task.endAt)) / 1000 });
    }
  }
  const summary = {};
  for (const [key, label] of [['sdk', '8 SDK pollers (reference)'], ['none', 'one TaskWatch, nothing learnt'], ['learnt', 'one TaskWatch, learnt from 20 tasks']]) {
    const list = rows[key];
    const requests = mean(list.map((row) => row.requests));
    const perTick = key === 'sdk' ? 8 : mean(list.map((row) => row.requests / row.ticks));
    const qps = mean(list.map((row) => row.qps));
    const peak = Math.max(...list.map((row) => row.peak));
    const delay = mean(list.map((row) => row.delay));
    summary[key] = { requests, perTick, qps, peak, delay };
    console.log(`   ${label.padEnd(37)} ${fmt(requests, 1).padStart(14)} ${fmt(perTick).padStart(9)} ${fmt(qps).padStart(9)} ${String(peak).padStart(12)} ${fmt(delay).padStart(8)}`);
  }
  console.log(`   (per tick for the SDK: a round of all eight jobs is eight requests) requests ×${fmt(summary.learnt.requests / summary.sdk.requests)} of the SDK's with history, ×${fmt(summary.none.requests / summary.sdk.requests)} without`);
  return summary;
}

// ---- C. the CLI, black box, against the simulator ------------------------------------------------------------

function run(file, argv, env) {
  return new Promise((resolve) => execFile(process.execPath, [file, ...argv], { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr })));
}

async function partC() {
  const clis = 6;
  const runningMs = 20_000;
  console.log(`\nC. the CLI (its own process) against the simulator, running log-normal, median ${runningMs / 1000} s, σ 0.25; two rounds of ${clis} generates beside ${clis} SDK-schedule`);
  console.log(`   pollers; the first round's tasks become takes in the folders of the second, where ${clis} polls learn from them as a`);
  console.log('   CLI wired to the timing model would');
  let cliFile;
  let sandbox;
  try {
    cliFile = await bundle('cli', `import ${src('src/cli/index.ts')};`);
    sandbox = require(await bundle('sandbox', `export { Simulator, DEFAULT_TEST_KEY } from ${src('test/sandbox/simulator.ts')};\nexport { encodePng } from ${src('test/support/fixtures/png.ts')};`));
  } catch (error) {
    console.log(`   skipped: the CLI or the simulator does not build right now (${String(error.message ?? error).split('\n')[0]})`);
    return undefined;
  }
  const model = 'wan2.2-kf2v-flash';
  const simulator = await sandbox.Simulator.start({ pendingMs: 200, runningMs, fps: 5, accountConcurrency: { [model]: 3 * clis } });
  const history = [];
  const folder = (name) => {
    const dir = path.join(scratch, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'a.png'), sandbox.encodePng({ width: 480, height: 320 }));
    writeFileSync(path.join(dir, 'b.png'), sandbox.encodePng({ width: 480, height: 320, from: [90, 10, 10], to: [10, 90, 10] }));
    for (const [index, take] of history.entries()) writeFileSync(path.join(dir, `earlier-${index}.json`), JSON.stringify(take));
    return dir;
  };
  const env = { PATH: process.env.PATH, DASHSCOPE_API_KEY: sandbox.DEFAULT_TEST_KEY, LANG: 'en_US.UTF-8' };
  const random = seeded(6000);
  /** Resolves once a task not in `known` is running: the next one may then get its own running time. */
  const started = async (known) => {
    for (let waited = 0; waited < 60_000; waited += 20) {
      if ([...simulator.tasks.values()].some((task) => !known.has(task.id) && task.scheduledAt !== undefined)) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('no task started within a minute');
  };
  const round = async (number, third) => {
    const launched = { cli: [], sdk: [], third: [] };
    for (let i = 0; i < clis; i++) {
      for (const kind of ['cli', 'sdk', 'third']) {
        // Each task runs its own time (log-normal, σ 0.25, around runningMs), set just before it is created.
        simulator.setTiming({ runningMs: Math.round(random.logNormal(runningMs, 0.25)) });
        const known = new Set(simulator.tasks.keys());
        if (kind === 'cli') {
          const dir = folder(`round-${number}-cli-${i}`);
          launched.cli.push(run(cliFile, ['generate', '--first', path.join(dir, 'a.png'), '--last', path.join(dir, 'b.png'), '--model', model, '--resolution', '480P', '--base-url', simulator.baseUrl, '--json'], env));
        } else if (kind === 'sdk' || third === 'sdk') launched[kind].push(sdkAgainst(simulator, model, sandbox));
        else launched.third.push(wiredAgainst(simulator, model, sandbox, folder(`round-${number}-wired-${i}`)));
        await started(known);
      }
    }
    const [cliResults, sdkIds, thirdIds] = await Promise.all([Promise.all(launched.cli), Promise.all(launched.sdk), Promise.all(launched.third)]);
    const failed = cliResults.find((result) => result.code !== 0);
    if (failed) throw new Error(`the CLI failed: ${failed.stderr.split('\n').slice(-3).join(' ')}`);
    return { cliIds: cliResults.map((result) => JSON.parse(result.stdout.trim().split('\n').pop()).taskId), sdkIds, thirdIds };
  };
  const measure = (ids) => {
    const rows = ids.map((id) => {
      const task = simulator.tasks.get(id);
      const queries = simulator.requests.filter((request) => request.route === 'query' && request.path.endsWith(`/${id}`));
      const seen = queries.find((request) => request.time >= task.endedAt);
      return { queries: queries.length, delay: ((seen?.time ?? Number.NaN) - task.endedAt) / 1000 };
    });
    return { queries: mean(rows.map((row) => row.queries)), delay: mean(rows.map((row) => row.delay)) };
  };
  try {
    const first = await round(1, 'sdk');
    for (const task of simulator.tasks.values()) history.push(earlierTake(model, task.id, task.createdAt, task.scheduledAt, task.endedAt));
    const second = await round(2, 'wired');
    const sdk = measure([...first.sdkIds, ...first.thirdIds, ...second.sdkIds]);
    const cli = measure([...first.cliIds, ...second.cliIds]);
    const secondSdk = measure(second.sdkIds);
    const wired = measure(second.thirdIds);
    const lists = simulator.requests.filter((request) => request.route === 'list').length;
    const row = (label, what, reference) =>
      console.log(`   ${label.padEnd(41)} ${fmt(what.delay).padStart(7)} ${fmt(what.queries, 1).padStart(8)}${reference ? `   ×${fmt(what.delay / reference.delay)}   ×${fmt(what.queries / reference.queries)}   ×${fmt((what.delay * what.queries) / (reference.delay * reference.queries))}` : ''}`);
    console.log('   who                                       delay s  queries   ratios to the SDK: delay  queries  product');
    row('SDK wait() pollers, both rounds (reference)', sdk);
    row('wan-keyframes generate (black box)', cli, sdk);
    row('SDK wait() pollers, second round', secondSdk);
    row(`poll learning from ${history.length} takes, second round`, wired, secondSdk);
    console.log(`   (${2 * clis} CLI tasks, ${3 * clis} SDK-polled; a delay is spread over the SDK's 5 s gap, so groups this small differ by ±0.6 s by chance)`);
    console.log(`   (task-list calls: ${lists}, not counted in the queries above; in round 2 the CLI reads the ${history.length} earlier takes in its folder)`);
    return { cli, sdk, wired, secondSdk };
  } catch (error) {
    console.log(`   stopped: ${error.message}`);
    return undefined;
  } finally {
    await simulator.stop();
  }
}

/** A take of an earlier run of `model` (480P, 5 s unless told), with its service times. */
function earlierTake(model, taskId, submit, scheduled, end, kind = { resolution: '480P', duration: 5 }) {
  return {
    schema: 'wan-keyframes/take@2',
    tool: { name: 'wan-keyframes', version: '0.0.0-bench' },
    video: { file: `${taskId}.mp4`, bytes: 1 },
    taskId,
    requestIds: [],
    model,
    family: model,
    endpoint: 'http://127.0.0.1',
    ...(kind.region ? { region: kind.region } : {}),
    inputs: {},
    inputsKey: 'earlier',
    parameters: { resolution: kind.resolution, duration: kind.duration, promptExtend: true, watermark: false },
    prompt: '',
    negativePrompt: '',
    times: { submit: core.beijingTimeText(submit), scheduled: core.beijingTimeText(scheduled), end: core.beijingTimeText(end), savedAt: new Date(end).toISOString() },
  };
}

/** Creates a kf2v task over HTTP (as the SDKs would); returns its id. */
async function createOver(simulator, model, sandbox) {
  const headers = { authorization: `Bearer ${sandbox.DEFAULT_TEST_KEY}`, 'content-type': 'application/json', 'x-dashscope-async': 'enable' };
  const image = (options) => `data:image/png;base64,${sandbox.encodePng({ width: 480, height: 320, ...options }).toString('base64')}`;
  // kf2v names its inputs after the roles: `<role>_url` (dashscope-api.md §3.1).
  const input = { prompt: 'a slow pan', ['first_frame'.concat('_url')]: image({}), ['last_frame'.concat('_url')]: image({ from: [90, 10, 10] }) };
  const created = await fetch(`${simulator.baseUrl}/api/v1/services/aigc/image2video/video-synthesis`, { method: 'POST', headers, body: JSON.stringify({ model, input, parameters: { resolution: '480P' } }) }).then((response) => response.json());
  return created.output.task_id;
}

/** Learns from the takes in `folder` as the product's timing model does, then polls a new task with what it learnt. */
async function wiredAgainst(simulator, model, sandbox, folder) {
  const timingModel = new core.TimingModel();
  timingModel.addTakes(await core.scanTakes(folder));
  const timing = timingModel.timingFor({ model, resolution: '480P', duration: 5 });
  const id = await createOver(simulator, model, sandbox);
  const client = new core.DashScopeClient({ baseUrl: simulator.baseUrl, apiKey: sandbox.DEFAULT_TEST_KEY, userAgent: 'wan-keyframes/bench' });
  try {
    await core.pollTask(client, id, { clock: core.systemClock, timing });
  } finally {
    await client.close();
  }
  return id;
}

/** Creates a task over HTTP and waits for it exactly as the SDK's wait() does (real time); returns its id. */
async function sdkAgainst(simulator, model, sandbox) {
  const headers = { authorization: `Bearer ${sandbox.DEFAULT_TEST_KEY}` };
  const id = await createOver(simulator, model, sandbox);
  let wait = 1;
  for (let step = 1; ; step++) {
    if (wait < 5 && step % 3 === 0) wait = Math.min(wait * 2, 5);
    const answer = await fetch(`${simulator.baseUrl}/api/v1/tasks/${id}`, { headers: { authorization: headers.authorization } }).then((response) => response.json());
    if (['SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN'].includes(answer.output.task_status)) return id;
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  }
}

try {
  const a = await partA();
  const b = await partB();
  const c = args.includes('--no-cli') ? undefined : await partC();
  const stated = a.find((row) => row.distribution.includes('0.25') && row.label.includes('of the kind'));
  const cold = a.find((row) => row.distribution.includes('0.25') && row.label.includes('nothing'));
  console.log('\ngoals (issue 22)');
  console.log(`   learnt, σ 0.25: delay × queries ×${fmt(stated.delay * stated.queries)} of the SDK's (goal ≤ 0.5)`);
  console.log(`   nothing learnt: delay ×${fmt(cold.delay)}, queries ×${fmt(cold.queries)} of the SDK's (goal ≤ 1.0 each)`);
  console.log(`   8 live jobs: ${fmt(b.learnt.perTick)} status requests per tick with history, ${fmt(b.none.perTick)} without (goal ≤ 1.2); mean QPS ${fmt(b.learnt.qps)} / ${fmt(b.none.qps)} (goal ≤ 1)`);
  if (c) {
    console.log(`   CLI (black box, both rounds): delay ×${fmt(c.cli.delay / c.sdk.delay)}, queries ×${fmt(c.cli.queries / c.sdk.queries)} of the SDK pollers beside it`);
    console.log(`   the same poll learning from the folder's takes: delay × queries ×${fmt((c.wired.delay * c.wired.queries) / (c.secondSdk.delay * c.secondSdk.queries))} of the SDK pollers beside it`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
