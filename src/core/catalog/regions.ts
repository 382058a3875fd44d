/** Model Studio regions and their DashScope hosts (dashscope-api.md §1, addendum §A2). */
export const REGION_IDS = ['cn-beijing', 'ap-southeast-1', 'cn-hongkong', 'ap-northeast-1', 'eu-central-1', 'us-east-1'] as const;
export type RegionId = (typeof REGION_IDS)[number];

export interface RegionSpec {
  id: RegionId;
  name: { en: string; zh: string };
  /** The shared (legacy) host, which takes any workspace's key; Tokyo and Frankfurt have none (addendum §A2). */
  sharedBaseUrl: string | undefined;
}

export const REGIONS: Record<RegionId, RegionSpec> = {
  'cn-beijing': { id: 'cn-beijing', name: { en: 'China (Beijing)', zh: '中国（北京）' }, sharedBaseUrl: 'https://dashscope.aliyuncs.com' },
  'ap-southeast-1': { id: 'ap-southeast-1', name: { en: 'Singapore', zh: '新加坡' }, sharedBaseUrl: 'https://dashscope-intl.aliyuncs.com' },
  'cn-hongkong': { id: 'cn-hongkong', name: { en: 'China (Hong Kong)', zh: '中国（香港）' }, sharedBaseUrl: 'https://cn-hongkong.dashscope.aliyuncs.com' },
  'ap-northeast-1': { id: 'ap-northeast-1', name: { en: 'Japan (Tokyo)', zh: '日本（东京）' }, sharedBaseUrl: undefined },
  'eu-central-1': { id: 'eu-central-1', name: { en: 'Germany (Frankfurt)', zh: '德国（法兰克福）' }, sharedBaseUrl: undefined },
  'us-east-1': { id: 'us-east-1', name: { en: 'US (Virginia)', zh: '美国（弗吉尼亚）' }, sharedBaseUrl: 'https://dashscope-us.aliyuncs.com' },
};

export function isRegionId(value: string): value is RegionId {
  return (REGION_IDS as readonly string[]).includes(value);
}

/**
 * Where requests go. `region`: a region's shared host. `workspace`: a workspace host (`{id}.{region}.maas.aliyuncs.com`),
 * with the region's shared host, where there is one, for temporary uploads the workspace host refuses. `custom`: a
 * base URL the user gave (a gateway, a proxy, the local simulator), with the workspace id the user declared for it and,
 * when the user also named a region, that region as the one whose prices apply (`pricedAs`): a base URL alone says
 * nothing about where it leads, and prices differ by region.
 * `baseUrl` is empty when a region has no shared host and no workspace id was given.
 */
export type Endpoint =
  | { kind: 'region'; region: RegionId; baseUrl: string; workspaceId?: undefined }
  | { kind: 'workspace'; region: RegionId; baseUrl: string; workspaceId: string; uploadFallbackBaseUrl: string | undefined }
  | { kind: 'custom'; baseUrl: string; workspaceId: string | undefined; pricedAs?: RegionId };

/**
 * Normalises a custom base URL: http(s) only, no query or fragment, no trailing slash, and an `/api/v1` suffix
 * dropped because the client adds it. Returns undefined for anything else.
 */
export function normaliseBaseUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return `${url.origin}${path}`;
}

export function workspaceHost(workspaceId: string, region: RegionId): string {
  return `https://${workspaceId}.${region}.maas.aliyuncs.com`;
}

const WORKSPACE_HOST = /^([A-Za-z0-9-]+)\.([a-z]{2}-[a-z]+-?\d*)\.maas\.aliyuncs\.com$/;

/** The workspace id and region of a workspace host, or undefined for any other host. */
export function parseWorkspaceHost(baseUrl: string): { workspaceId: string; region: RegionId } | undefined {
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return undefined;
  }
  const match = WORKSPACE_HOST.exec(host);
  if (!match || !isRegionId(match[2] as string)) return undefined;
  return { workspaceId: match[1] as string, region: match[2] as RegionId };
}

/** A host label: what a workspace id must be to form `{id}.{region}.maas.aliyuncs.com` (ids look like `llm-…`). */
const WORKSPACE_ID = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export type WorkspaceIdCheck =
  | { ok: true; workspaceId: string | undefined }
  | { ok: false; reason: 'placeholder' | 'url' | 'invalid'; value: string; suggestion?: string };

/**
 * Reads the workspace id a user typed or pasted. An empty field is no workspace. The console's sample host
 * (`{WorkspaceId}`) and a whole URL are the usual slips: each is its own answer, a URL with the id it contains.
 */
export function checkWorkspaceId(raw: string | undefined): WorkspaceIdCheck {
  const value = (raw ?? '').trim();
  if (value === '') return { ok: true, workspaceId: undefined };
  if (/[{}]|workspace[ _-]?id/i.test(value)) return { ok: false, reason: 'placeholder', value };
  if (/:\/\/|\.|\//.test(value)) {
    const parsed = parseWorkspaceHost(/:\/\//.test(value) ? value : `https://${value}`);
    return { ok: false, reason: 'url', value, suggestion: parsed?.workspaceId };
  }
  if (!WORKSPACE_ID.test(value)) return { ok: false, reason: 'invalid', value };
  return { ok: true, workspaceId: value };
}

/**
 * The endpoint for the settings: a custom base URL wins (a workspace host given as a URL is read as one); else a
 * workspace id makes the region's workspace host; else the region's shared host. `regionNamed`: the user set the
 * region themselves (not the default), so a custom base URL is priced as that region.
 */
export function endpointFor(region: RegionId, customBaseUrl?: string, workspaceId?: string, regionNamed = false): Endpoint {
  if (customBaseUrl && customBaseUrl.trim() !== '') {
    const baseUrl = normaliseBaseUrl(customBaseUrl);
    if (baseUrl) {
      const workspace = parseWorkspaceHost(baseUrl);
      if (workspace) return { kind: 'workspace', ...workspace, baseUrl, uploadFallbackBaseUrl: REGIONS[workspace.region].sharedBaseUrl };
      return regionNamed ? { kind: 'custom', baseUrl, workspaceId, pricedAs: region } : { kind: 'custom', baseUrl, workspaceId };
    }
  }
  if (workspaceId) return { kind: 'workspace', region, workspaceId, baseUrl: workspaceHost(workspaceId, region), uploadFallbackBaseUrl: REGIONS[region].sharedBaseUrl };
  return { kind: 'region', region, baseUrl: REGIONS[region].sharedBaseUrl ?? '' };
}

/** The region whose prices apply at an endpoint; undefined for a custom base URL no region was named for (unknown). */
export function priceRegion(endpoint: Endpoint): RegionId | undefined {
  return endpoint.kind === 'custom' ? endpoint.pricedAs : endpoint.region;
}

/** True when requests reach a workspace: a workspace host, or a custom base URL the user declared a workspace for. */
export function reachesWorkspace(endpoint: Endpoint): boolean {
  return endpoint.kind === 'workspace' || (endpoint.kind === 'custom' && endpoint.workspaceId !== undefined);
}
