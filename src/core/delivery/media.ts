import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { DashScopeClient } from '../service/client';
import type { Clock } from '../base/clock';
import type { WanError } from '../errors/wanError';
import { withRetries } from '../net/retry';

export type UploadMode = 'oss' | 'base64';

const MIME: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  bmp: 'image/bmp',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

export function mimeOf(format: string): string {
  return MIME[format] ?? 'application/octet-stream';
}

export interface LocalMedia {
  path: string;
  /** Detected from the content, not the name. */
  format: string;
  sha256: string;
  /** The model takes this role inline as a `data:` URL (frames; audio and clips go as URLs only). */
  inline: boolean;
}

export interface MediaOptions {
  client: DashScopeClient;
  /** The model id the upload is bound to (uploads only work with the model they were made for). */
  wireModel: string;
  mode: UploadMode;
  clock: Clock;
  signal?: AbortSignal;
  onRetry?: (error: WanError, delayMs: number) => void;
}

/** Object names carry part of the content hash, so two files called frame.png never collide under one policy. */
export function objectName(media: LocalMedia): string {
  const base = path.basename(media.path).replace(/[^A-Za-z0-9._-]/g, '_').slice(-80);
  return `${media.sha256.slice(0, 16)}-${base}`;
}

/**
 * Makes a local file readable by the service: a temporary `oss://` upload (kept 48 h), or in base64 mode a `data:`
 * URL for the roles the catalog lets travel inline (frames; audio and clips always go through OSS).
 */
export async function mediaUrl(media: LocalMedia, options: MediaOptions): Promise<string> {
  if (options.mode === 'base64' && media.inline) {
    const bytes = await readFile(media.path);
    return `data:${mimeOf(media.format)};base64,${bytes.toString('base64')}`;
  }
  return withRetries(
    async () => {
      // A fresh policy each attempt: it expires after expire_in_seconds and binds one upload directory.
      const policy = await options.client.getUploadPolicy(options.wireModel, { signal: options.signal });
      return options.client.uploadToOss(
        policy,
        { path: media.path, objectName: objectName(media), contentType: mimeOf(media.format) },
        { signal: options.signal },
      );
    },
    {
      clock: options.clock,
      signal: options.signal,
      attempts: 4,
      onRetry: (error, delayMs) => options.onRetry?.(error, delayMs),
    },
  );
}
