import * as z from 'zod/mini';
import { deferredSchema } from './deferredSchema';

/** The bounded strings every message schema uses: a message cannot carry a novel where a name belongs. */
export const text = (max: number) => z.string().check(z.maxLength(max));
export const shortText = deferredSchema(() => text(2_000));
export const longText = deferredSchema(() => text(20_000));
export const id = deferredSchema(() => text(128));
