import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { errorActions } from '../../../src/core/errors/errorActions';
import { isWanError, type WanError } from '../../../src/core/errors/wanError';
import { endpointFor } from '../../../src/core/catalog/regions';
import { planGeneration } from '../../../src/core/inputs/request';
import { takeAt } from '../../support/takes';
import { readMp4 } from '../../support/fixtures/mp4';
import { FAULTS, type FaultKind } from '../../sandbox/faults';
import type { Simulator } from '../../sandbox/simulator';
import { fastSimulator, KEY, tempDir, writePng } from '../../support/simulator';
import { runJob } from '../../support/jobHarness';
import { frames } from '../../support/jobs';

const WORKSPACE = 'llm-sim0a1b2c';

describe('Wan 3.0 on a workspace host (simulator)', { timeout: 120_000 }, () => {
  let simulator: Simulator;
  let workspaceBase: string;

  before(async () => {
    simulator = await fastSimulator({ workspaces: { [WORKSPACE]: [KEY] } });
    workspaceBase = `${simulator.baseUrl}/ws/${WORKSPACE}`;
  });
  after(() => simulator.stop());

  it('first+last frame, 16:9, no sound, the model choosing the length: saved, with its usage in the sidecar', async () => {
    const prompt = '清晨太阳升起，镜头缓缓推进';
    const run = await runJob(simulator, { model: 'wan3.0-video', baseUrl: workspaceBase, workspaceId: WORKSPACE, resolution: '480P', ratio: '16:9', sound: false, duration: -1, prompt, mode: 'base64' });
    assert.ifError(run.error);
    const result = run.result;
    assert.ok(result);
    const creates = simulator.requestsFor('create');
    assert.equal(creates.length, 1);
    assert.equal(creates[0]?.workspace, WORKSPACE, 'sent to the workspace host');
    assert.equal(creates[0]?.path, '/api/v1/services/aigc/video-generation/video-synthesis');
    const body = creates[0]?.json as { input: { media: Array<{ type: string }>; negative_prompt?: string }; parameters: Record<string, unknown> };
    assert.deepEqual(body.input.media.map((item) => item.type), ['first_frame', 'last_frame'], 'frames and nothing else');
    assert.equal(body.input.negative_prompt, undefined);
    assert.deepEqual({ ratio: body.parameters.ratio, audio: body.parameters.audio, duration: body.parameters.duration, resolution: body.parameters.resolution }, { ratio: '16:9', audio: false, duration: -1, resolution: '480P' });
    const mp4 = await readMp4(result.videoPath);
    const video = mp4.tracks.find((track) => track.handler === 'vide');
    assert.deepEqual([video?.width, video?.height], [832, 464], '16:9 at 480P, sides rounded down to 16');
    assert.equal(mp4.tracks.some((track) => track.handler === 'soun'), false, 'audio off: no sound track');
    const { take: sidecar } = await takeAt(result.sidecarPath as string);
    assert.equal(sidecar.model, 'wan3.0-video');
    assert.equal(sidecar.parameters?.duration, -1);
    assert.equal(sidecar.parameters?.ratio, '16:9');
    assert.equal(sidecar.parameters?.sound, false);
    const usage = sidecar.usage as Record<string, unknown>;
    assert.equal(usage.ratio, '16:9');
    assert.equal(usage.fps, 30);
    assert.equal(usage.SR, 480);
    assert.ok(typeof usage.duration === 'number' && Math.abs(usage.duration - mp4.durationSeconds) < 0.3, `usage ${String(usage.duration)} s vs file ${mp4.durationSeconds} s`);
  });

  it('without a workspace it is a problem before any request', async () => {
    const before = simulator.requests.length;
    const dir = await tempDir('wk-w3-');
    const first = await writePng(dir, 'a.png', { width: 480, height: 320 });
    const last = await writePng(dir, 'b.png', { width: 480, height: 320 });
    for (const endpoint of [endpointFor('cn-beijing'), endpointFor('cn-beijing', simulator.baseUrl)]) {
      const { plan, problems } = await planGeneration({ inputs: frames(first, last), model: 'wan3.0-video' }, endpoint);
      assert.equal(plan, undefined);
      assert.deepEqual(problems.map((problem) => problem.code), ['model-needs-workspace']);
    }
    assert.equal(simulator.requests.length, before, 'nothing was sent');
  });

  it('a negative prompt is a problem for Wan 3.0, not silently dropped', async () => {
    const dir = await tempDir('wk-w3-');
    const first = await writePng(dir, 'a.png', { width: 480, height: 320 });
    const { problems } = await planGeneration({ inputs: frames(first, first), model: 'wan3.0-video-prime', negativePrompt: 'blur', ratio: '21:10', duration: 31 }, endpointFor('ap-southeast-1', undefined, WORKSPACE));
    assert.deepEqual(problems.map((problem) => problem.code).sort(), ['duration-invalid', 'negative-prompt-not-supported', 'ratio-unsupported']);
  });

  it('temporary uploads fall back to the shared host when the workspace host refuses the policy call', async () => {
    const refusing = await fastSimulator({ workspaceUploads: false });
    try {
      const base = `${refusing.baseUrl}/ws/${WORKSPACE}`;
      const run = await runJob(refusing, { model: 'wan3.0-video', baseUrl: base, workspaceId: WORKSPACE, uploadFallbackBaseUrl: refusing.baseUrl, resolution: '480P', duration: 2, mode: 'oss' });
      assert.ifError(run.error);
      const policies = refusing.requestsFor('policy');
      assert.ok(policies.some((request) => request.workspace === WORKSPACE), 'asked the workspace host first');
      assert.ok(policies.some((request) => request.workspace === undefined), 'then the shared host');
      assert.equal(refusing.requestsFor('create')[0]?.workspace, WORKSPACE, 'the create still goes to the workspace host');
    } finally {
      await refusing.stop();
    }
  });

  it('an unknown workspace id ends in its own message and action, after one create', async () => {
    const before = simulator.requestsFor('create').length;
    const run = await runJob(simulator, { model: 'wan3.0-video', baseUrl: `${simulator.baseUrl}/ws/llm-nosuch`, workspaceId: 'llm-nosuch', resolution: '480P', duration: 2, mode: 'base64' });
    const error = run.error as WanError;
    assert.ok(isWanError(error));
    assert.equal(error.kind, 'workspace');
    assert.equal(error.code, 'WorkSpaceNotFound');
    assert.deepEqual(errorActions(error, false, false), ['set-workspace-id', 'show-log']);
    assert.equal(simulator.requestsFor('create').length - before, 1);
  });
});

describe('the account’s own stops (addendum §A4): one create, no retry, their own message and action', { timeout: 120_000 }, () => {
  let simulator: Simulator;
  before(async () => {
    simulator = await fastSimulator();
  });
  after(() => simulator.stop());

  const cases: Array<{ name: string; fault: FaultKind; kind: string; action: string; en: RegExp; zh: RegExp }> = [
    { name: 'budget stop, no code', fault: FAULTS.budget(), kind: 'budget', action: 'open-budget', en: /Budget Management is used up/, zh: /预算额度已用尽/ },
    { name: 'budget stop, a Throttling code', fault: FAULTS.budget('Throttling'), kind: 'budget', action: 'open-budget', en: /Budget Management is used up/, zh: /预算额度已用尽/ },
    { name: 'Arrearage', fault: FAULTS.arrearage(), kind: 'arrears', action: 'top-up', en: /in arrears/, zh: /欠费/ },
    { name: 'not activated', fault: FAULTS.notActivated(), kind: 'not-activated', action: 'activate', en: /not activated/, zh: /尚未开通百炼/ },
    { name: 'Model.AccessDenied', fault: FAULTS.modelAccessDenied(), kind: 'model-not-authorized', action: 'authorize-model', en: /not authorized for the workspace/, zh: /未获授权/ },
    { name: 'Endpoint.AccessDenied', fault: FAULTS.retired(), kind: 'retired', action: 'use-newest-model', en: /wan3\.0-video/, zh: /最新模型/ },
    { name: 'WorkSpaceNotFound', fault: FAULTS.workspaceNotFound(), kind: 'workspace', action: 'set-workspace-id', en: /Workspace ID/, zh: /业务空间 ID/ },
    { name: 'NOT AUTHORIZED', fault: FAULTS.notAuthorized(), kind: 'workspace', action: 'set-workspace-id', en: /does not belong to it/, zh: /不属于它/ },
    { name: 'AccessDenied', fault: FAULTS.accessDenied(), kind: 'access', action: 'show-log', en: /approved application|free tier/, zh: /申请|免费额度/ },
    { name: 'Throttling.Concurrency', fault: FAULTS.concurrency(), kind: 'concurrency', action: 'show-log', en: /local queue/, zh: /本地队列/ },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      simulator.faults.clear();
      simulator.faults.add({ route: 'create', kind: c.fault, times: 10 });
      const before = simulator.requestsFor('create').length;
      const run = await runJob(simulator, { mode: 'base64' });
      const error = run.error as WanError;
      assert.ok(isWanError(error), String(run.error));
      assert.equal(error.kind, c.kind);
      assert.equal(error.step, 'submit');
      assert.equal(error.retryable, false);
      assert.match(error.localized('en'), c.en);
      assert.match(error.localized('zh-cn'), c.zh);
      assert.equal(errorActions(error, false, false)[0], c.action);
      assert.equal(simulator.requestsFor('create').length - before, 1, 'exactly one create reached the service');
      assert.equal(run.events.filter((event) => event.type === 'retry' && event.what === 'create').length, 0, 'no retry of the create');
      simulator.faults.clear();
    });
  }
});
