import { inLanguage } from '../../core/base/language';
import { priceRegion } from '../../core/catalog/regions';
import { countProblemMessage, estimate as estimateCost, estimateLine, readCount } from '../../core/catalog/estimate';
import { MODELS, modelFamily } from '../../core/catalog/models';
import { problemMessage } from '../../core/inputs/problems';
import { parameterProblems } from '../../core/inputs/request';
import { UsageError } from '../args';
import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { basisLines } from '../estimateText';
import { cliText } from '../messages';

/** What a command that sends nothing runs with: no key, no client. */
export type OfflineContext = Pick<CliContext, 'io' | 'values' | 'positionals' | 'locale' | 'zh' | 'endpoint' | 'say'>;

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
  const region = priceRegion(endpoint);
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
  const text = values.json ? JSON.stringify(result) : [inLanguage(estimateLine(result), locale), ...basisLines(result, checked.resolution, zh)].join('\n');
  context.io.stdout.write(`${text}\n`);
  return EXIT.saved;
}
