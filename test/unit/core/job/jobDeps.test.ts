import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TOOL_VERSION } from '../../../../src/core/base/version';
import { jobDeps } from '../../../../src/core/job/jobDeps';
import type { DashScopeClient } from '../../../../src/core/service/client';
import { CreateGate } from '../../../../src/core/service/createGate';
import { virtualClock } from '../../../support/clocks';
import { jobOptions } from '../../../support/jobs';

const base = () => ({
  client: { baseUrl: 'http://127.0.0.1:1' } as unknown as DashScopeClient,
  dispatcher: undefined as never,
  clock: virtualClock().clock,
  options: jobOptions('base64'),
  gate: new CreateGate(),
});

describe('a job\'s dependencies, put together in one place', () => {
  it('every runner names itself in the user agent, with the tool\'s version and the platform', () => {
    for (const runner of ['vscode', 'cli', 'test'] as const) {
      const deps = jobDeps(runner, base());
      assert.ok(deps.userAgent.startsWith(`wan-keyframes/${TOOL_VERSION} (${runner};`), deps.userAgent);
      assert.ok(deps.userAgent.includes(`node/${process.versions.node}`), deps.userAgent);
      assert.ok(deps.userAgent.includes(process.platform), deps.userAgent);
    }
    assert.notEqual(jobDeps('cli', base()).userAgent, jobDeps('vscode', base()).userAgent);
  });

  it('the take\'s tool version is the built version', () => {
    assert.equal(jobDeps('cli', base()).toolVersion, TOOL_VERSION);
    assert.match(TOOL_VERSION, /^\d+\.\d+\.\d+/);
  });

  it('what the caller gives is passed on as it is', () => {
    const given = { ...base(), outputDir: '/videos', region: 'cn-beijing', onEvent: () => undefined, knownTaskIds: new Set(['t']) };
    const deps = jobDeps('test', given);
    assert.equal(deps.client, given.client);
    assert.equal(deps.gate, given.gate);
    assert.equal(deps.onEvent, given.onEvent);
    assert.equal(deps.knownTaskIds, given.knownTaskIds);
    assert.deepEqual([deps.outputDir, deps.region, deps.options], [given.outputDir, given.region, given.options]);
  });
});
