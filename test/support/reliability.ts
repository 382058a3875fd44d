import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { RecordedRequest } from '../sandbox/simulator';
import { RESULTS_DIR } from './files';

/** The reliability suites leave their figures here; scripts/reliability-report.mjs turns them into docs/reliability.md. */
export const RELIABILITY_DIR = path.join(RESULTS_DIR, 'reliability');

export async function recordFigures(name: string, data: unknown): Promise<void> {
  await mkdir(RELIABILITY_DIR, { recursive: true });
  await writeFile(path.join(RELIABILITY_DIR, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}

/** Every file under the folders whose bytes contain the secret (text, JSON, logs, SQLite stores alike). */
export async function findSecret(folders: string[], secret: string): Promise<{ filesSearched: number; hits: string[] }> {
  const needle = Buffer.from(secret, 'utf8');
  let filesSearched = 0;
  const hits: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        filesSearched++;
        const bytes = await readFile(full).catch(() => Buffer.alloc(0));
        if (bytes.includes(needle)) hits.push(full);
      }
    }
  };
  for (const folder of folders) await walk(folder);
  return { filesSearched, hits };
}

/**
 * What the simulator saw that it should not: `secret` anywhere but the Authorization header, an Authorization
 * other than one of `keys`, or a key sent off the API's path (e.g. to the OSS upload or the video download).
 */
export function keyLeaksInRequests(requests: readonly RecordedRequest[], secret: string, keys: readonly string[]): { requestsChecked: number; leaks: string[] } {
  const leaks: string[] = [];
  const expected = keys.map((key) => `Bearer ${key}`);
  for (const request of requests) {
    const { authorization, ...rest } = request.headers;
    if (JSON.stringify({ ...request, headers: rest }).includes(secret)) leaks.push(request.path);
    if (authorization && !expected.includes(authorization)) leaks.push(`odd authorization on ${request.path}`);
    if (authorization && !request.path.startsWith('/api/v1/')) leaks.push(`key sent to ${request.path}`);
  }
  return { requestsChecked: requests.length, leaks };
}
