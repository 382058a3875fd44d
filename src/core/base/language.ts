/** A sentence in both languages the product speaks. */
export interface Bilingual {
  en: string;
  zh: string;
}

/** The one place that decides whether the user reads Chinese: VS Code's display language, or the CLI's locale. */
export function isChinese(locale: string | undefined): boolean {
  return (locale ?? '').toLowerCase().startsWith('zh');
}

/** The locale a command line asks for (LC_ALL, then LC_MESSAGES, then LANG), as POSIX orders them. */
export function localeOfEnvironment(env: Record<string, string | undefined>): string {
  return env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
}

export function inLanguage(text: Bilingual, locale: string | undefined): string {
  return isChinese(locale) ? text.zh : text.en;
}
