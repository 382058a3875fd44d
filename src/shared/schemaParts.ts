import * as z from 'zod/mini';

/** The bounded strings every message schema uses: a message cannot carry a novel where a name belongs. */
export const text = (max: number) => z.string().check(z.maxLength(max));
export const shortText = text(2_000);
export const longText = text(20_000);
export const id = text(128);
