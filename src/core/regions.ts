/** Model Studio regions and their DashScope hosts (dashscope-api.md §1). */
export const REGION_IDS = ['cn-beijing', 'ap-southeast-1', 'us-east-1', 'cn-hongkong'] as const;
export type RegionId = (typeof REGION_IDS)[number];

export interface RegionSpec {
  id: RegionId;
  name: { en: string; zh: string };
  baseUrl: string;
  /** What the rate-limit table lists there for our models; a region serving none is still a valid endpoint. */
  servesOurModels: boolean;
}

export const REGIONS: Record<RegionId, RegionSpec> = {
  'cn-beijing': { id: 'cn-beijing', name: { en: 'China (Beijing)', zh: '中国（北京）' }, baseUrl: 'https://dashscope.aliyuncs.com', servesOurModels: true },
  'ap-southeast-1': { id: 'ap-southeast-1', name: { en: 'Singapore', zh: '新加坡' }, baseUrl: 'https://dashscope-intl.aliyuncs.com', servesOurModels: true },
  'us-east-1': { id: 'us-east-1', name: { en: 'US (Virginia)', zh: '美国（弗吉尼亚）' }, baseUrl: 'https://dashscope-us.aliyuncs.com', servesOurModels: false },
  'cn-hongkong': { id: 'cn-hongkong', name: { en: 'China (Hong Kong)', zh: '中国（香港）' }, baseUrl: 'https://cn-hongkong.dashscope.aliyuncs.com', servesOurModels: false },
};

export function isRegionId(value: string): value is RegionId {
  return (REGION_IDS as readonly string[]).includes(value);
}

/** Where requests go: a known region, or a custom base URL (a workspace host, a gateway, the local simulator). */
export type Endpoint = { kind: 'region'; region: RegionId; baseUrl: string } | { kind: 'custom'; baseUrl: string };

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

export function endpointFor(region: RegionId, customBaseUrl?: string): Endpoint {
  if (customBaseUrl && customBaseUrl.trim() !== '') {
    const baseUrl = normaliseBaseUrl(customBaseUrl);
    if (baseUrl) return { kind: 'custom', baseUrl };
  }
  return { kind: 'region', region, baseUrl: REGIONS[region].baseUrl };
}
