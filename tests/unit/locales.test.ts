import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/domain/commands.js";

const load = (lang: string) => JSON.parse(readFileSync(new URL(`../../locales/${lang}.json`, import.meta.url), "utf8"));
const keys = (o: Record<string, unknown>, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const get = (o: any, key: string) => key.split(".").reduce((x, k) => x?.[k], o);

describe("locales", () => {
  const zh = load("zh");
  const en = load("en");
  it("zh.json and en.json have the same keys", () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });
  it("every text uses the same placeholders in both languages", () => {
    for (const key of keys(en)) expect(placeholders(get(zh, key)), key).toEqual(placeholders(get(en, key)));
  });
  it("every command has a menu description of at most 256 characters", () => {
    for (const c of COMMANDS) for (const l of [zh, en]) expect(get(l, `commands.${c.name}`)?.length ?? 0, c.name).toBeGreaterThan(2);
  });
  it("every locale key used in the source exists", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) { if (f !== "generated") walk(p); } else if (p.endsWith(".ts")) files.push(p);
      }
    };
    walk(new URL("../../src", import.meta.url).pathname);
    const missing: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(f, "utf8").matchAll(/\bt\(\s*"([a-z][\w.-]+)"/g)) if (get(en, m[1]!) === undefined) missing.push(`${f}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});
