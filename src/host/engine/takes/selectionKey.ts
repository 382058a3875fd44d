import { stat } from 'node:fs/promises';
import { inputsKey } from '../../../core/inputs/inputFiles';
import { sha256File } from '../../../core/inputs/inspect';
import { isImageUrl } from '../../../core/inputs/remoteImage';
import { type Inputs, rolesOf } from '../../../shared/mediaRoles';

/**
 * The inputs key of what the form holds (a take made from the same inputs has the same key): each local file hashed
 * once per (path, size, mtime), each image URL by itself. Undefined while an input cannot be read.
 */
export class SelectionKey {
  private readonly hashes = new Map<string, Promise<string>>();

  async of(inputs: Inputs<string>): Promise<string | undefined> {
    const roles = rolesOf(inputs);
    const parts = await Promise.all(roles.map((role) => this.part(inputs[role] as string)));
    if (parts.some((part) => part === undefined)) return undefined;
    return inputsKey(Object.fromEntries(roles.map((role, index) => [role, parts[index]])));
  }

  private async part(value: string): Promise<{ sha256?: string; url?: string } | undefined> {
    if (isImageUrl(value)) return { url: value };
    const info = await stat(value).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const key = `${value}\n${info.size}\n${info.mtimeMs}`;
    let hash = this.hashes.get(key);
    if (!hash) {
      hash = sha256File(value);
      this.hashes.set(key, hash);
      if (this.hashes.size > 64) this.hashes.delete(this.hashes.keys().next().value as string);
    }
    return { sha256: await hash.catch(() => undefined) } as { sha256?: string } | undefined;
  }
}
