import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../src/domain/language.js";
import { plainTranslator, translator } from "../../src/i18n.js";
import { LIMITS, parseHtml } from "../support/telegramRules.js";

// Every locale string is Telegram HTML: rendered with values that need escaping,
// each must be what Telegram accepts. The terminal and the places Telegram shows
// as plain text (menus, toasts) get the same string without tags or entities.
const load = (lang: string) => JSON.parse(readFileSync(new URL(`../../locales/${lang}.json`, import.meta.url), "utf8"));
const leaves = (o: Record<string, unknown>, prefix = ""): [string, string][] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]));
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!))];

/** Numbers where the text counts (plurals, limits); elsewhere text with every character HTML gives meaning to. */
const NUMERIC = new Set(["count", "n", "max", "min", "limit", "percent", "size", "total", "rated", "groups", "clustered", "days", "line", "polls", "votes", "ballots", "seen", "eligible", "units", "owners", "others", "recipients", "queued", "participants", "statements", "created", "updated", "first"]);
const sample = (name: string) => (NUMERIC.has(name) ? 12 : `R&D <West> "A" 楼 ${name}`);

describe("every locale string is valid Telegram HTML", () => {
  for (const lang of LANGUAGES) {
    it(`${lang}: rendered with representative values, Telegram accepts it and it fits`, () => {
      const t = translator().forLanguage(lang);
      const problems: string[] = [];
      for (const [key, raw] of leaves(load(lang))) {
        const vars = Object.fromEntries(placeholders(raw).map((p) => [p, sample(p)]));
        const html = t(key, vars);
        const parsed = parseHtml(html);
        if (!parsed.ok) problems.push(`${key}: ${parsed.error} in ${JSON.stringify(html)}`);
        else if (parsed.text.length > LIMITS.text) problems.push(`${key}: ${parsed.text.length} characters`);
        // Values come back exactly as given: escaped, never read as markup.
        else for (const v of Object.values(vars)) if (typeof v === "string" && !parsed.text.includes(v)) problems.push(`${key}: value ${v} not shown as given`);
      }
      expect(problems).toEqual([]);
    });

    it(`${lang}: the plain rendering has no tags or entities and keeps values as given`, () => {
      const t = plainTranslator().forLanguage(lang);
      const problems: string[] = [];
      for (const [key, raw] of leaves(load(lang))) {
        const vars = Object.fromEntries(placeholders(raw).map((p) => [p, sample(p)]));
        const plain = t(key, vars);
        const html = translator().forLanguage(lang)(key, vars);
        const parsed = parseHtml(html);
        if (parsed.ok && plain !== parsed.text) problems.push(`${key}: ${JSON.stringify(plain)} ≠ ${JSON.stringify(parsed.text)}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
