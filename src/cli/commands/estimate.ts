import { inLanguage } from '../../core/base/language';
import { countProblemMessage, estimate as estimateCost, type Estimate, estimateLine, readCount } from '../../core/catalog/estimate';
import { MODELS, modelFamily, type Resolution } from '../../core/catalog/models';
import { priceOf } from '../../core/catalog/prices';
import { REGIONS } from '../../core/catalog/regions';
import { problemMessage } from '../../core/inputs/problems';
import { parameterProblems } from '../../core/inputs/request';
import { UsageError } from '../args';
import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { cliText } from '../messages';

/** What a command that sends nothing runs with: no key, no client. */
export type OfflineContext = Pick<CliContext, 'io' | 'values' | 'locale' | 'zh' | 'endpoint' | 'say'>;

/** A price as the page lists it: at least two decimals, all of its own (0.733924 stays 0.733924). */
function listed(value: number): string {
  const decimals = (String(value).split('.')[1] ?? '').length;
  return value.toFixed(Math.max(2, decimals));
}

/** The lines under the estimate: what it rests on (model, length, region, the price and its source), or why unknown. */
function basis(result: Estimate, resolution: Resolution, zh: boolean): string[] {
  const { seconds, region, source } = result;
  const length = seconds.min === seconds.max ? cliText('seconds', zh, String(seconds.min)) : cliText('secondsChosen', zh, String(seconds.min), String(seconds.max));
  const place = region ? REGIONS[region].name[zh ? 'zh' : 'en'] : cliText('customEndpoint', zh);
  const what = `${result.model} ${resolution}`;
  if (result.perSecond === null || !source) return [cliText('estimateUnknown', zh, what, length, place, result.explanation ? (zh ? result.explanation.zh : result.explanation.en) : '')];
  const lines = [cliText('estimateBasis', zh, what, length, place, listed(result.perSecond), source.tag, source.asOf, source.url)];
  const usd = region ? priceOf(result.model, resolution, region)?.usd : undefined;
  if (usd) lines.push(cliText('estimateUsd', zh, listed(usd.perSecond), usd.source.tag, usd.source.asOf));
  if (result.freeQuotaSeconds) lines.push(cliText('estimateFree', zh, String(result.freeQuotaSeconds)));
  return lines;
}

/**
 * `estimate`: what N takes would cost, from the catalog's price table. Sends nothing and needs no key; every mistake
 * (model, region, resolution, duration, count) is said at once, exit 2.
 */
export async function estimate(context: OfflineContext): Promise<number> {
  const { values, zh, locale, endpoint, say } = context;
  if (!values.model) throw new UsageError(cliText('estimateNeedsModel', zh));
  const model = modelFamily(values.model);
  if (!model) {
    say(inLanguage(problemMessage({ code: 'model-unknown', model: values.model }), locale));
    return EXIT.invalidInput;
  }
  const region = endpoint.kind === 'custom' ? undefined : endpoint.region;
  if (region && MODELS[model].regionIds[region] === undefined) {
    say(inLanguage(problemMessage({ code: 'model-not-in-region', model, region }), locale));
    return EXIT.invalidInput;
  }
  const checked = parameterProblems({ inputs: {}, model, resolution: values.resolution, duration: values.duration }, MODELS[model]);
  const messages = checked.problems.map((problem) => inLanguage(problemMessage(problem), locale));
  const count = readCount(values.count ?? '1');
  if (typeof count !== 'number') messages.push(inLanguage(countProblemMessage(count), locale));
  if (messages.length > 0 || typeof count !== 'number') {
    for (const message of messages) say(message);
    return EXIT.invalidInput;
  }
  const result = estimateCost({ model, region, resolution: checked.resolution, duration: checked.duration, count });
  const text = values.json ? JSON.stringify(result) : [inLanguage(estimateLine(result), locale), ...basis(result, checked.resolution, zh)].join('\n');
  context.io.stdout.write(`${text}\n`);
  return EXIT.saved;
}
