export const LANGUAGES = ["zh", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return value === "zh" || value === "en";
}

/**
 * Telegram sends `zh-hans`, `zh-hant`, `zh`, `en-us`, … or nothing at all.
 * Every Chinese variant maps to Chinese; anything else, including unknown
 * languages, to English, the park's second working language.
 */
export function languageFromTelegram(code: string | undefined | null): Language {
  return code && /^zh(?:$|[-_])/i.test(code.trim()) ? "zh" : "en";
}
