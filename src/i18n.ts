import { readFileSync } from "node:fs";
import { join } from "node:path";
import i18next, { type i18n, type TOptions } from "i18next";
import { LANGUAGES, type Language } from "./domain/language.js";
import { escapeHtml, htmlToPlain } from "./domain/text/html.js";
import { LOCALES_DIR } from "./paths.js";

export type Translate = (key: string, vars?: TOptions) => string;

export interface Translator {
  t(language: Language, key: string, vars?: TOptions): string;
  /** A `t` bound to one language. */
  forLanguage(language: Language): Translate;
}

function loadResources(): Record<Language, { translation: Record<string, unknown> }> {
  const out = {} as Record<Language, { translation: Record<string, unknown> }>;
  for (const lang of LANGUAGES) {
    out[lang] = { translation: JSON.parse(readFileSync(join(LOCALES_DIR, `${lang}.json`), "utf8")) as Record<string, unknown> };
  }
  return out;
}

/**
 * One i18next instance for the process, initialised synchronously from the
 * locale files. Every locale string is Telegram HTML (a literal <, > or & is
 * written &lt; &gt; &amp;) and interpolated values are HTML-escaped, because
 * every message is sent with Telegram's HTML parse mode. The plain translator
 * (terminal, menus) renders the same HTML, then shows it without markup.
 */
export function createTranslator(opts: { html?: boolean } = {}): Translator {
  const html = opts.html ?? true;
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources: loadResources(),
    lng: "en",
    fallbackLng: "en",
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    returnNull: false,
    interpolation: { escape: escapeHtml, escapeValue: true },
  });
  const fixed = new Map<Language, Translate>();
  for (const lang of LANGUAGES) {
    const t = instance.getFixedT(lang) as Translate;
    fixed.set(lang, html ? t : (key, vars) => htmlToPlain(t(key, vars)));
  }
  return {
    t: (language, key, vars) => fixed.get(language)!(key, vars),
    forLanguage: (language) => fixed.get(language)!,
  };
}

let shared: Translator | undefined;
let plain: Translator | undefined;
/** The process-wide translator for Telegram (HTML); loading the locales once keeps every update cheap. */
export function translator(): Translator {
  return (shared ??= createTranslator());
}
/** For the terminal: the same texts, values not HTML-escaped. */
export function plainTranslator(): Translator {
  return (plain ??= createTranslator({ html: false }));
}
