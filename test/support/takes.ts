import { type FoundTake, readTake } from '../../src/core/output/takeReader';

/** The take a test expects at `file` (a version-1 sidecar upgraded); fails the test with why it was skipped. */
export async function takeAt(file: string): Promise<FoundTake> {
  const read = await readTake(file);
  if ('skipped' in read) throw new Error(`${file} is not a take: ${read.skipped} (${read.detail})`);
  return read.found;
}
