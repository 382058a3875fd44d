import * as z from 'zod';
import { deferredSchema } from '../../shared/deferredSchema';

/** A generation's parameters in the product's own words, as a record, a take and a replay keep them. */
export const ParametersSchema = deferredSchema(() => z.object({
  resolution: z.string(),
  /** Seconds; -1 asked Wan 3.0 to choose. */
  duration: z.number().int(),
  promptExtend: z.boolean(),
  watermark: z.boolean(),
  /** The seed sent; absent only in takes made before every seed was drawn and sent. */
  seed: z.number().int().optional(),
  ratio: z.string().optional(),
  sound: z.boolean().optional(),
}));
export type Parameters = z.infer<typeof ParametersSchema>;
