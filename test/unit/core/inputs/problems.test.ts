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
  'clip-format': { code: 'clip-format', role: ROLE.clip, format: 'WebM' },
  'clip-not-a-video': { code: 'clip-not-a-video', role: ROLE.clip, text: true },
  'clip-malformed': { code: 'clip-malformed', role: ROLE.clip, detail: 'no tracks' },
  'clip-no-video': { code: 'clip-no-video', role: ROLE.clip },
  'clip-too-short': { code: 'clip-too-short', role: ROLE.clip, seconds: 1, min: 2 },
  'clip-too-long': { code: 'clip-too-long', role: ROLE.clip, seconds: 12.5, max: 10, cutAt: 3, keeps: 9.5 },
  'clip-too-long-no-keyframe': { code: 'clip-too-long-no-keyframe', role: ROLE.clip, seconds: 11, max: 10, min: 2 },
  'clip-too-small': { code: 'clip-too-small', role: ROLE.clip, width: 200, height: 200, min: 240 },
  'clip-too-large': { code: 'clip-too-large', role: ROLE.clip, width: 5000, height: 640, max: 4096 },
  'clip-aspect': { code: 'clip-aspect', role: ROLE.clip, width: 2000, height: 240, max: 8 },
  'clip-too-many-bytes': { code: 'clip-too-many-bytes', role: ROLE.clip, bytes: 120e6, max: 100e6 },
  'clip-duration': { code: 'clip-duration', role: ROLE.clip, seconds: 3.2, duration: 4, min: 5, max: 15 },
  'clip-with-audio': { code: 'clip-with-audio', model: 'wan2.7-i2v' },
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

  it('a clip over the limit says exactly where it can be cut, and what it keeps', () => {
    const message = problemMessage({ code: 'clip-too-long', role: ROLE.clip, seconds: 12.5, max: 10, cutAt: 2.5026, keeps: 9.9974 });
    assert.match(message.en, /^First clip: 12\.5 s is over the 10 s limit\. .*last 9\.997 s, from the keyframe at 2\.503 s/);
    assert.match(message.zh, /2\.503 秒处的关键帧/);
  });

  it('a continuation whose duration leaves no new video names the clip\'s length and the range it allows', () => {
    const message = problemMessage({ code: 'clip-duration', role: ROLE.clip, seconds: 3.2, duration: 4, min: 5, max: 15 });
    assert.match(message.en, /^First clip: the clip is 3\.2 s long .*\(4 s\).*5–15 s/);
    assert.match(message.zh, /3\.2 秒.*5–15 秒/);
  });

  it('a workspace id that is not one says why: a placeholder, a URL (with the id in it), not an id', () => {
    assert.match(problemMessage(workspaceIdProblem({ reason: 'placeholder', value: '{WorkspaceId}' })).en, /placeholder/);
    assert.match(problemMessage(workspaceIdProblem({ reason: 'url', value: 'https://llm-abc.cn-beijing.maas.aliyuncs.com', suggestion: 'llm-abc' })).en, /\(llm-abc\)/);
    assert.match(problemMessage(workspaceIdProblem({ reason: 'invalid', value: 'a b' })).zh, /格式不对/);
  });
});
