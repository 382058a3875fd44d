import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Problem, type ProblemCode, problemMessage, workspaceIdProblem } from '../../../../src/core/inputs/problems';
import { ROLE } from '../../../../src/shared/mediaRoles';

/** One sample of every problem: a code added without a sample here does not compile. */
const SAMPLES: { [K in ProblemCode]: Extract<Problem, { code: K }> } = {
  'file-missing': { code: 'file-missing', role: ROLE.first },
  'file-unreadable': { code: 'file-unreadable', role: ROLE.last, detail: 'EACCES' },
  'file-empty': { code: 'file-empty', role: ROLE.first },
  'image-format-unsupported': { code: 'image-format-unsupported', role: ROLE.first, format: 'gif' },
  'image-not-an-image': { code: 'image-not-an-image', role: ROLE.first },
  'image-truncated': { code: 'image-truncated', role: ROLE.first },
  'image-malformed': { code: 'image-malformed', role: ROLE.first },
  'image-implausible-size': { code: 'image-implausible-size', role: ROLE.first, width: 100000, height: 100000 },
  'image-alpha': { code: 'image-alpha', role: ROLE.first },
  'image-too-small': { code: 'image-too-small', role: ROLE.first, width: 100, height: 100, min: 240 },
  'image-too-large': { code: 'image-too-large', role: ROLE.first, width: 9000, height: 100, max: 8000 },
  'image-too-many-bytes': { code: 'image-too-many-bytes', role: ROLE.first, bytes: 30e6, max: 20e6 },
  'image-aspect': { code: 'image-aspect', role: ROLE.first, width: 9000, height: 1000, max: 8 },
  'audio-not-supported': { code: 'audio-not-supported', model: 'wan2.2-kf2v-flash' },
  'audio-format': { code: 'audio-format', format: 'OGG' },
  'audio-malformed': { code: 'audio-malformed' },
  'audio-too-short': { code: 'audio-too-short', seconds: 1, min: 2 },
  'audio-too-long': { code: 'audio-too-long', seconds: 40, max: 30 },
  'audio-too-many-bytes': { code: 'audio-too-many-bytes', bytes: 20e6, max: 15e6 },
  'prompt-too-long': { code: 'prompt-too-long', length: 900, max: 800 },
  'negative-prompt-too-long': { code: 'negative-prompt-too-long', length: 600, max: 500 },
  'seed-invalid': { code: 'seed-invalid', seed: 'x' },
  'duration-invalid': { code: 'duration-invalid', duration: '20', min: 2, max: 15 },
  'resolution-unsupported': { code: 'resolution-unsupported', resolution: '480P', model: 'wan2.7-i2v', allowed: '720P, 1080P' },
  'model-unknown': { code: 'model-unknown', model: 'sora' },
  'model-not-in-region': { code: 'model-not-in-region', model: 'wan2.7-i2v', region: 'us-east-1' },
  'base-url-invalid': { code: 'base-url-invalid', value: 'ftp://x' },
  'file-outside-workspace': { code: 'file-outside-workspace', role: ROLE.first, target: '/etc/secret.png' },
  'negative-prompt-not-supported': { code: 'negative-prompt-not-supported', model: 'wan3.0-video' },
  'ratio-unsupported': { code: 'ratio-unsupported', ratio: '21:10', model: 'wan3.0-video', allowed: '16:9' },
  'model-needs-workspace': { code: 'model-needs-workspace', model: 'wan3.0-video' },
  'region-needs-workspace': { code: 'region-needs-workspace', region: 'ap-northeast-1' },
  'workspace-id-invalid': { code: 'workspace-id-invalid', reason: 'placeholder', value: '{WorkspaceId}' },
  'url-invalid': { code: 'url-invalid', role: ROLE.last, value: 'ftp://x' },
  'url-unreachable': { code: 'url-unreachable', role: ROLE.last, detail: 'ECONNREFUSED' },
  'url-status': { code: 'url-status', role: ROLE.last, status: 404 },
  'role-not-supported': { code: 'role-not-supported', role: ROLE.clip, model: 'wan2.2-kf2v-flash' },
  'inputs-combination': { code: 'inputs-combination', roles: 'clip+audio', model: 'wan2.7-i2v', allowed: 'first, first+last' },
  'clip-not-yet': { code: 'clip-not-yet', role: ROLE.clip },
};

describe('input problems', () => {
  it('every problem has its own English and Chinese message, naming the input by its role', () => {
    const samples = Object.values(SAMPLES) as Problem[];
    const english = new Set<string>();
    const chinese = new Set<string>();
    for (const problem of samples) {
      const message = problemMessage(problem);
      assert.ok(message.en.length > 10 && message.zh.length > 4, problem.code);
      assert.match(message.zh, /[\u4e00-\u9fff]/, `${problem.code} has Chinese`);
      if ('role' in problem && problem.role === ROLE.last) assert.match(message.en, /^Last frame/, problem.code);
      english.add(message.en);
      chinese.add(message.zh);
    }
    assert.equal(english.size, samples.length, 'no two problems share an English message');
    assert.equal(chinese.size, samples.length, 'no two problems share a Chinese message');
  });

  it('a workspace id that is not one says why: a placeholder, a URL (with the id in it), not an id', () => {
    assert.match(problemMessage(workspaceIdProblem({ reason: 'placeholder', value: '{WorkspaceId}' })).en, /placeholder/);
    assert.match(problemMessage(workspaceIdProblem({ reason: 'url', value: 'https://llm-abc.cn-beijing.maas.aliyuncs.com', suggestion: 'llm-abc' })).en, /\(llm-abc\)/);
    assert.match(problemMessage(workspaceIdProblem({ reason: 'invalid', value: 'a b' })).zh, /格式不对/);
  });
});
