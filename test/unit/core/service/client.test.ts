import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MockAgent } from 'undici';
import { MODELS } from '../../../../src/core/catalog/models';
import { isWanError } from '../../../../src/core/errors/wanError';
import { DashScopeClient } from '../../../../src/core/service/client';
import type { CreateBody } from '../../../../src/core/service/schemas';
import { kf2vField } from '../../../../src/core/service/schemas';
import { ROLE } from '../../../../src/shared/mediaRoles';

const HOST = 'https://dashscope.test';
const FALLBACK = 'https://shared.test';
const KF2V = MODELS['wan2.2-kf2v-flash'];
const body = (url: string) => ({ model: KF2V.id, input: { prompt: 'p', [kf2vField(ROLE.first)]: url }, parameters: {} }) as unknown as CreateBody;
const CREATED = { request_id: 'req-1', output: { task_id: 'task-1', task_status: 'PENDING' } };
const POLICY = { request_id: 'r', data: { policy: 'p', signature: 's', upload_dir: 'dir', upload_host: 'https://oss.test', expire_in_seconds: 300, max_file_size_mb: 100, oss_access_key_id: 'id', x_oss_object_acl: 'private', x_oss_forbid_overwrite: true } };

/** A client whose every request goes to an in-memory mock (no socket); what was sent is kept. */
function setUp(options: { uploadFallbackBaseUrl?: string } = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const sent: Array<{ path: string; headers: Record<string, string> }> = [];
  const answer = (origin: string, method: string, path: string | RegExp, status: number, data: unknown, headers: Record<string, string> = {}) =>
    agent.get(origin).intercept({ method, path }).reply((request) => {
      sent.push({ path: request.path, headers: Object.fromEntries(Object.entries(request.headers as Record<string, string>).map(([key, value]) => [key.toLowerCase(), value])) });
      return { statusCode: status, data: typeof data === 'string' ? data : JSON.stringify(data), responseOptions: { headers } };
    });
  const client = new DashScopeClient({ baseUrl: `${HOST}/`, apiKey: 'unit-key', userAgent: 'wk-unit', dispatcher: agent, now: () => Date.UTC(2026, 11, 1), ...options });
  return { client, answer, sent, agent };
}

const rejectsAs = (kind: string, check: (error: { [key: string]: unknown }) => boolean = () => true) => (error: unknown) => isWanError(error) && error.kind === kind && check(error as never);

describe('the DashScope client (a mock dispatcher)', () => {
  it('a create sends the key, the user agent and async; the OSS resolve header only for oss:// inputs', async () => {
    const { client, answer, sent } = setUp();
    answer(HOST, 'POST', `/api/v1/services/aigc/${KF2V.route}/video-synthesis`, 200, CREATED);
    answer(HOST, 'POST', `/api/v1/services/aigc/${KF2V.route}/video-synthesis`, 200, CREATED);
    const created = await client.createTask(KF2V, body('oss://dir/a.png'));
    await client.createTask(KF2V, body('https://img.example.com/a.png'));
    assert.equal(created.output.task_id, 'task-1');
    const [oss, plain] = sent;
    assert.equal(oss?.headers.authorization, 'Bearer unit-key');
    assert.equal(oss?.headers['user-agent'], 'wk-unit');
    assert.equal(oss?.headers['x-dashscope-async'], 'enable');
    assert.equal(oss?.headers['x-dashscope-ossresourceresolve'], 'enable');
    assert.equal(plain?.headers['x-dashscope-ossresourceresolve'], undefined);
  });

  it('error bodies become WanError kinds with the service\'s code, message and request id', async () => {
    const { client, answer } = setUp();
    answer(HOST, 'GET', '/api/v1/tasks/t-1', 401, { request_id: 'req-a', code: 'InvalidApiKey', message: 'Invalid API-key provided.' });
    await assert.rejects(client.getTask('t-1'), rejectsAs('auth', (e) => e.code === 'InvalidApiKey' && e.requestId === 'req-a' && e.status === 401));
    answer(HOST, 'GET', '/api/v1/tasks/t-2', 502, '<html>Bad Gateway</html>', { 'x-request-id': 'req-h' });
    await assert.rejects(client.getTask('t-2'), rejectsAs('server', (e) => e.retryable === true && e.requestId === 'req-h' && String(e.serviceMessage).includes('Bad Gateway')));
  });

  it('Retry-After on a 429 is kept as milliseconds to wait', async () => {
    const { client, answer } = setUp();
    answer(HOST, 'POST', `/api/v1/services/aigc/${KF2V.route}/video-synthesis`, 429, { code: 'Throttling.RateQuota', message: 'slow down' }, { 'retry-after': '7' });
    await assert.rejects(client.createTask(KF2V, body('oss://dir/a.png')), rejectsAs('rate-limit', (e) => e.retryAfterMs === 7_000 && e.retryable === true));
  });

  it('an HTTP 200 that is not what the schema expects is an unexpected response, naming the field', async () => {
    const { client, answer } = setUp();
    answer(HOST, 'GET', '/api/v1/tasks/t-1', 200, { request_id: 'req-x', output: { task_status: 'RUNNING' } });
    await assert.rejects(client.getTask('t-1'), rejectsAs('unexpected-response', (e) => String(e.serviceMessage).includes('output.task_id') && e.requestId === 'req-x'));
    answer(HOST, 'GET', '/api/v1/tasks/t-2', 200, 'upstream says hi');
    await assert.rejects(client.getTask('t-2'), rejectsAs('unexpected-response', (e) => String(e.serviceMessage).includes('not JSON')));
  });

  it('a dropped connection says whether the request can have left the machine', async () => {
    const { client, agent } = setUp();
    agent.get(HOST).intercept({ path: '/api/v1/tasks/t-1' }).replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    await assert.rejects(client.getTask('t-1'), rejectsAs('network', (e) => e.requestNotSent === false));
    agent.get(HOST).intercept({ path: '/api/v1/tasks/t-2' }).replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    await assert.rejects(client.getTask('t-2'), rejectsAs('network', (e) => e.requestNotSent === true));
  });

  it('the task list is asked in Beijing time with a page size', async () => {
    const { client, answer, sent } = setUp();
    answer(HOST, 'GET', /^\/api\/v1\/tasks\?/, 200, { data: [{ task_id: 'a', gmt_create: '1764547200000' }] });
    const listed = await client.listTasks({ modelName: KF2V.id, startTime: new Date(Date.UTC(2026, 11, 1, 0, 0, 0)), endTime: new Date(Date.UTC(2026, 11, 1, 16, 30, 5)) });
    const query = new URL(sent[0]?.path ?? '', HOST).searchParams;
    assert.equal(query.get('start_time'), '20261201080000');
    assert.equal(query.get('end_time'), '20261202003005');
    assert.equal(query.get('model_name'), KF2V.id);
    assert.equal(query.get('page_size'), '50');
    assert.equal(listed.data[0]?.gmt_create, 1764547200000, 'a number sent as a string is read as a number');
  });

  it('the upload policy comes from the fallback host when the workspace host refuses it, and only then', async () => {
    const { client, answer, sent } = setUp({ uploadFallbackBaseUrl: FALLBACK });
    answer(HOST, 'GET', /^\/api\/v1\/uploads\?/, 403, { code: 'AccessDenied', message: 'no uploads here' });
    answer(FALLBACK, 'GET', /^\/api\/v1\/uploads\?/, 200, POLICY);
    const policy = await client.getUploadPolicy(KF2V.id);
    assert.equal(policy.upload_host, 'https://oss.test');
    assert.equal(policy.x_oss_forbid_overwrite, 'true');
    assert.equal(sent.length, 2);
    const alone = setUp();
    alone.answer(HOST, 'GET', /^\/api\/v1\/uploads\?/, 403, { code: 'AccessDenied', message: 'no uploads here' });
    await assert.rejects(alone.client.getUploadPolicy(KF2V.id), rejectsAs('access'));
  });
});

describe('which account a client speaks for', () => {
  it('a short hash of its key, the same for the same key, never the key itself', () => {
    const agent = new MockAgent();
    const make = (apiKey: string) => new DashScopeClient({ baseUrl: 'https://dash.test', apiKey, userAgent: 't', dispatcher: agent });
    const one = make('key-one-secret');
    assert.equal(one.account, make('key-one-secret').account);
    assert.notEqual(one.account, make('key-two-secret').account);
    assert.ok(!one.account.includes('secret') && one.account.length === 16);
  });
});
