/** How many takes one Generate may make of the same inputs (variations), each with its own seed. */
export const MIN_TAKES = 1;
export const MAX_TAKES = 8;
