import type { Bilingual } from '../base/language';
import { MODELS, type ModelId, type Resolution } from './models';
import { type RegionId, REGIONS } from './regions';

/** Where a figure comes from: the contract's source tag, the page, and the date the figure is as of (YYYY-MM). */
export interface PriceSource {
  tag: string;
  url: string;
  asOf: string;
}

/** One cell of the price table: a model at one resolution in one region, per second of output. */
export interface PriceRow {
  model: ModelId;
  resolution: Resolution;
  region: RegionId;
  /** CNY per second as the official price page lists it for the region (Singapore's too). */
  cnyPerSecond: number;
  source: PriceSource;
  /** An official USD figure, only where one is published. */
  usd: { perSecond: number; source: PriceSource } | undefined;
}

/** Every price is in the currency the official page lists: CNY, in every region. */
export const PRICE_CURRENCY = 'CNY';

const PRICE_PAGE: PriceSource = { tag: 'S-PRICE-CN', url: 'https://help.aliyun.com/zh/model-studio/model-pricing', asOf: '2026-12' };
/** Wan 3.0's rows were read from the same page earlier (addendum §A1.8). */
const PRICE_PAGE_WAN3: PriceSource = { ...PRICE_PAGE, asOf: '2026-10' };
const KF2V_PAGE_EN: PriceSource = {
  tag: 'S-KF2V-EN',
  url: 'https://www.alibabacloud.com/help/en/model-studio/image-to-video-by-first-and-last-frame-api-reference',
  asOf: '2025-06',
};

/** Wan 3.0 costs the same in these four regions (addendum §A1.8); Hong Kong has no listed price. */
const WAN3_LIST_REGIONS: readonly RegionId[] = ['cn-beijing', 'ap-northeast-1', 'eu-central-1', 'us-east-1'];

interface Listing {
  model: ModelId;
  regions: readonly RegionId[];
  cny: Partial<Record<Resolution, number>>;
  source: PriceSource;
  usd?: { perSecond: Partial<Record<Resolution, number>>; source: PriceSource };
}

/**
 * Addendum §A8.4 (list prices; promotions are not modelled). Absent on purpose: wan2.2-kf2v-flash in Singapore ("not
 * listed") and every model in Hong Kong. The only official USD figure is kf2v-plus on the international page, which
 * prices the international (Singapore) deployment.
 */
const LISTINGS: readonly Listing[] = [
  { model: 'wan2.2-kf2v-flash', regions: ['cn-beijing'], cny: { '480P': 0.1, '720P': 0.2, '1080P': 0.48 }, source: PRICE_PAGE },
  { model: 'wanx2.1-kf2v-plus', regions: ['cn-beijing'], cny: { '720P': 0.7 }, source: PRICE_PAGE },
  {
    model: 'wanx2.1-kf2v-plus',
    regions: ['ap-southeast-1'],
    cny: { '720P': 0.733924 },
    source: PRICE_PAGE,
    usd: { perSecond: { '720P': 0.1 }, source: KF2V_PAGE_EN },
  },
  { model: 'wan2.7-i2v', regions: ['cn-beijing'], cny: { '720P': 0.6, '1080P': 1.0 }, source: PRICE_PAGE },
  { model: 'wan2.7-i2v', regions: ['ap-southeast-1'], cny: { '720P': 0.733924, '1080P': 1.100886 }, source: PRICE_PAGE },
  { model: 'wan3.0-video', regions: WAN3_LIST_REGIONS, cny: { '480P': 0.3, '720P': 0.6, '1080P': 1.2 }, source: PRICE_PAGE_WAN3 },
  { model: 'wan3.0-video', regions: ['ap-southeast-1'], cny: { '480P': 0.37471, '720P': 0.74942, '1080P': 1.49884 }, source: PRICE_PAGE_WAN3 },
  { model: 'wan3.0-video-prime', regions: WAN3_LIST_REGIONS, cny: { '480P': 0.45, '720P': 0.9, '1080P': 1.8 }, source: PRICE_PAGE_WAN3 },
  {
    model: 'wan3.0-video-prime',
    regions: ['ap-southeast-1'],
    cny: { '480P': 0.495838, '720P': 1.020844, '1080P': 2.041687 },
    source: PRICE_PAGE_WAN3,
  },
];

/** The table, one row per model × resolution × region. */
export const PRICE_TABLE: readonly PriceRow[] = LISTINGS.flatMap((listing) =>
  listing.regions.flatMap((region) =>
    (Object.entries(listing.cny) as Array<[Resolution, number]>).map(([resolution, cnyPerSecond]) => {
      const usd = listing.usd?.perSecond[resolution];
      return {
        model: listing.model,
        resolution,
        region,
        cnyPerSecond,
        source: listing.source,
        usd: usd === undefined || !listing.usd ? undefined : { perSecond: usd, source: listing.usd.source },
      };
    }),
  ),
);

/**
 * The price of a second of output, or undefined when the table has none (unknown, never 0). A custom endpoint names
 * no region (`region` undefined), so its price is unknown too.
 */
export function priceOf(model: ModelId, resolution: Resolution, region: RegionId | undefined): PriceRow | undefined {
  if (region === undefined) return undefined;
  return PRICE_TABLE.find((row) => row.model === model && row.resolution === resolution && row.region === region);
}

/**
 * Free seconds a new account gets per model: Beijing only, 90 days (addendum §A8.3, a 3P summary of the official
 * page; §A1.8 for Wan 3.0). The remainder cannot be read with a key, so it only ever "may cover" a task.
 */
export const FREE_QUOTA = {
  region: 'cn-beijing',
  seconds: { 'wan2.2-kf2v-flash': 50, 'wan2.7-i2v': 50, 'wanx2.1-kf2v-plus': 200, 'wan3.0-video': 30, 'wan3.0-video-prime': 30 },
  /** A third-party summary of the official page (addendum [S-FREE]); the figures are as of 2026-11. */
  source: { tag: 'S-FREE', asOf: '2026-11' },
} as const satisfies { region: RegionId; seconds: Record<ModelId, number>; source: Omit<PriceSource, 'url'> };

/** The model's free seconds in this region, or undefined where it has no free tier. */
export function freeQuotaSeconds(model: ModelId, region: RegionId | undefined): number | undefined {
  return region === FREE_QUOTA.region ? FREE_QUOTA.seconds[model] : undefined;
}

/**
 * Whether input video is billed on top of the output: Wan 3.0 bills input video + output (§A1.8); wan2.7 bills its
 * output only, a first clip lying inside it (§A6); kf2v takes no video.
 */
export const BILLS_INPUT_VIDEO: Record<ModelId, boolean> = {
  'wan2.2-kf2v-flash': false,
  'wanx2.1-kf2v-plus': false,
  'wan2.7-i2v': false,
  'wan3.0-video': true,
  'wan3.0-video-prime': true,
};

/** Why `priceOf` answered undefined, in both languages. */
export function whyNoPrice(model: ModelId, resolution: Resolution, region: RegionId | undefined): Bilingual {
  if (region === undefined) {
    return {
      en: 'A custom base URL names no region, and prices differ by region, so the price is unknown. Set the region it leads to (wanKeyframes.region, or --region) to see its prices.',
      zh: '自定义基础地址未表明地域，而各地域价格不同，因此价格未知。设置它所通往的地域（wanKeyframes.region 或 --region）即可看到价格。',
    };
  }
  const place = REGIONS[region].name;
  if (MODELS[model].regionIds[region] === undefined) return { en: `${model} is not offered in ${place.en}.`, zh: `${place.zh}不提供 ${model}。` };
  if (!MODELS[model].resolutions.includes(resolution)) return { en: `${model} has no ${resolution}.`, zh: `${model} 不提供 ${resolution}。` };
  return {
    en: `The official price page lists no ${place.en} price for ${model} at ${resolution}.`,
    zh: `官方价格页未列出 ${model} 在${place.zh}的 ${resolution} 价格。`,
  };
}
