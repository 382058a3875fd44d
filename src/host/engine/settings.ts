import * as vscode from 'vscode';
import * as z from 'zod';
import { MODEL_IDS } from '../../core/catalog/models';
import { type Problem, workspaceIdProblem } from '../../core/inputs/problems';
import { checkWorkspaceId, type Endpoint, endpointFor, isRegionId, normaliseBaseUrl, REGION_IDS } from '../../core/catalog/regions';
import { deferredSchema } from '../../shared/deferredSchema';

const SECTION = 'wanKeyframes';

export const SettingsSchema = deferredSchema(() => z.object({
  region: z.enum(REGION_IDS).catch('cn-beijing'),
  defaultModel: z.enum(MODEL_IDS).catch('wan2.2-kf2v-flash'),
  defaultResolution: z.enum(['', '480P', '720P', '1080P']).catch(''),
  defaultDuration: z.number().int().min(-1).max(30).catch(0),
  promptExtend: z.boolean().catch(true),
  watermark: z.boolean().catch(false),
  uploadMode: z.enum(['oss', 'base64']).catch('oss'),
  outputNameTemplate: z.string().max(200).catch('{first}-to-{last}'),
  writeSidecar: z.boolean().catch(true),
}));
export type Settings = z.infer<typeof SettingsSchema> & {
  endpoint: Endpoint;
  baseUrlIgnored: string | undefined;
  proxyUrl: string | undefined;
  /** The workspace id as typed, when it is not one (a placeholder, a URL): the form says so before any request. */
  workspaceProblem: Problem | undefined;
};

/**
 * Typed settings. The endpoint is read from user (global) settings only: a workspace's settings.json must never
 * redirect requests that carry the key, whatever scope VS Code would otherwise let it have.
 */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const raw = Object.fromEntries(Object.keys(SettingsSchema.shape).map((key) => [key, config.get(key)]));
  const settings = SettingsSchema.parse(raw);
  const region = config.inspect<string>('region')?.globalValue;
  const baseUrl = config.inspect<string>('baseUrl');
  const userBaseUrl = baseUrl?.globalValue?.trim() ?? '';
  const workspaceBaseUrl = baseUrl?.workspaceValue ?? baseUrl?.workspaceFolderValue;
  const chosenRegion = region && isRegionId(region) ? region : 'cn-beijing';
  const workspace = checkWorkspaceId(config.inspect<string>('workspaceId')?.globalValue);
  const endpoint = endpointFor(chosenRegion, userBaseUrl && normaliseBaseUrl(userBaseUrl) ? userBaseUrl : undefined, workspace.ok ? workspace.workspaceId : undefined, region === chosenRegion);
  const proxy = vscode.workspace.getConfiguration('http').get<string>('proxy')?.trim();
  return {
    ...settings,
    region: chosenRegion,
    endpoint,
    baseUrlIgnored: typeof workspaceBaseUrl === 'string' && workspaceBaseUrl.trim() !== '' ? workspaceBaseUrl : undefined,
    proxyUrl: proxy ? proxy : undefined,
    workspaceProblem: workspace.ok ? undefined : workspaceIdProblem(workspace),
  };
}

export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SECTION) || event.affectsConfiguration('http.proxy')) listener();
  });
}

/** Writes one of the settings an action changes, in user settings (the endpoint ones are read from there only). */
export async function updateUserSetting(key: 'region' | 'workspaceId' | 'defaultModel', value: string): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}
