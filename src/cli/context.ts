import type { Dispatcher } from 'undici';
import { isChinese, localeOfEnvironment } from '../core/base/language';
import type { Endpoint } from '../core/catalog/regions';
import type { WanError } from '../core/errors/wanError';
import type { CreateGate } from '../core/service/createGate';
import type { DashScopeClient } from '../core/service/client';
import type { ParsedArgs } from './args';

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

/** What every command runs with: the parsed line, the user's language, a client for the endpoint, one create gate. */
export interface CliContext {
  io: Io;
  values: ParsedArgs['values'];
  positionals: string[];
  locale: string;
  zh: boolean;
  endpoint: Endpoint;
  client: DashScopeClient;
  dispatcher: Dispatcher;
  gate: CreateGate;
  /** A line on stderr (progress, messages); stdout is for results only. */
  say(text: string): void;
  localized(error: WanError): string;
}

export function languageOf(env: NodeJS.ProcessEnv): { locale: string; zh: boolean } {
  const locale = localeOfEnvironment(env);
  return { locale, zh: isChinese(locale) };
}
