import type { Bilingual } from '../base/language';
import { type ErrorKind, INTERNAL_SUMMARY } from './wanError';

/** What a user reads for each kind of error, with the action that helps; a step's own wording may replace it. */
export const KIND_SUMMARIES: Record<ErrorKind, Bilingual> = {
  auth: {
    en: 'The API key was rejected. Check the key, and that it belongs to the selected region (keys are per region).',
    zh: 'API Key 被拒绝。请检查 Key 是否正确，以及它是否属于所选地域（Key 按地域区分）。',
  },
  region: {
    en: 'This model is not available at the selected endpoint. Switch region or model.',
    zh: '所选端点不提供此模型。请切换地域或模型。',
  },
  access: {
    en: 'Access denied: this model needs an approved application, or the account is limited to its free tier. Check the model’s page in the Model Studio console.',
    zh: '访问被拒绝：此模型需要申请通过后才能使用，或该账号仅限免费额度。请在百炼控制台查看该模型的页面。',
  },
  budget: {
    en: 'The budget set in Budget Management is used up, and calls stay stopped until it is raised or reset. Nothing was retried.',
    zh: '「预算管理」中设置的预算额度已用尽，在提高或重置预算前调用会一直被停止。未做任何重试。',
  },
  arrears: {
    en: 'The account is in arrears (overdue payment). Top up the Alibaba Cloud account, then generate again; retrying now will not help.',
    zh: '账号已欠费。请为阿里云账号充值后再生成；现在重试无济于事。',
  },
  'not-activated': {
    en: 'Model Studio is not activated for this account. Activate it in the Model Studio console, then generate again.',
    zh: '该账号尚未开通百炼。请在百炼控制台开通后再生成。',
  },
  'model-not-authorized': {
    en: 'This model is not authorized for the workspace the API key belongs to. Authorize it for the workspace in the Model Studio console (an administrator can), or use a key of a workspace that has it.',
    zh: '该 API Key 所属的业务空间未获授权使用此模型。请在百炼控制台为该业务空间授权此模型（需管理员操作），或使用已获授权业务空间的 Key。',
  },
  retired: {
    en: 'The service no longer serves this model (retired, or its endpoint was withdrawn). Choose the newest model, wan3.0-video.',
    zh: '服务已不再提供此模型（已下线或端点已撤销）。请改用最新模型 wan3.0-video。',
  },
  workspace: {
    en: 'The workspace was not found, or the API key does not belong to it. Check the Workspace ID (llm-…) and that the key was created in that workspace.',
    zh: '找不到该业务空间，或该 API Key 不属于它。请检查业务空间 ID（llm-…），并确认 Key 是在该业务空间中创建的。',
  },
  concurrency: {
    en: 'The account already runs as many tasks of this model as it may. The job waits in the local queue for a running one to end; nothing was sent twice.',
    zh: '该账号此模型同时运行的任务数已达上限。任务会在本地队列中等待正在运行的任务结束；不会重复提交。',
  },
  quota: {
    en: 'The account is out of quota or in arrears. Check billing in the Model Studio console; retrying will not help.',
    zh: '账号额度已用尽或已欠费。请在百炼控制台检查计费；重试无济于事。',
  },
  'rate-limit': {
    en: 'The service is throttling requests. It will be retried after a pause.',
    zh: '服务正在限流，稍后会自动重试。',
  },
  moderation: {
    en: 'The content was blocked by the service’s content inspection. Change the prompt or the images.',
    zh: '内容未通过服务的内容审核。请修改提示词或图片。',
  },
  'invalid-input': {
    en: 'The service rejected the request as invalid.',
    zh: '服务认为请求参数无效。',
  },
  'not-found': {
    en: 'The service could not find what was asked for.',
    zh: '服务找不到所请求的资源。',
  },
  expired: {
    en: 'The task is unknown to the service or has expired (task ids live 24 hours).',
    zh: '服务不认识该任务或任务已过期（任务 ID 有效期 24 小时）。',
  },
  'url-expired': {
    en: 'The video link has expired (links live 24 hours); the video can no longer be downloaded.',
    zh: '视频链接已过期（有效期 24 小时），无法再下载该视频。',
  },
  canceled: { en: 'The task was canceled.', zh: '任务已取消。' },
  'task-failed': { en: 'The service could not generate the video.', zh: '服务未能生成视频。' },
  server: {
    en: 'The service had an internal error. Try again later.',
    zh: '服务内部出错。请稍后重试。',
  },
  network: {
    en: 'Could not reach the service. Check the network, proxy and endpoint.',
    zh: '无法连接服务。请检查网络、代理和端点设置。',
  },
  timeout: {
    en: 'The service did not answer in time.',
    zh: '服务未在规定时间内响应。',
  },
  'unexpected-response': {
    en: 'The service sent a response this version does not understand.',
    zh: '服务返回了本版本无法理解的响应。',
  },
  unconfirmed: {
    en: 'The request to create the task was sent, but its answer was lost and the task list shows no new task. It was not sent again, so you are not charged twice: check the task list in the Model Studio console before generating again.',
    zh: '创建任务的请求已发出，但响应丢失，任务列表中也没有新任务。为避免重复计费，未再次发送：请先在百炼控制台查看任务列表，再决定是否重新生成。',
  },
  redirect: { en: 'The link redirected in a way that cannot be followed.', zh: '链接的重定向无法跟随。' },
  'not-a-video': { en: 'The video host answered with something that is not a video.', zh: '视频存储主机返回的内容不是视频。' },
  'file-system': {
    en: 'A file could not be read or written.',
    zh: '无法读取或写入文件。',
  },
  internal: INTERNAL_SUMMARY,
  aborted: { en: 'Stopped.', zh: '已停止。' },
};
