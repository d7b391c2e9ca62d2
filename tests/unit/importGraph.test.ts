// The import graph of src/: who may import whom (the layers README's "How it is
// built" draws), and no cycle between files. Read from the sources as text: every
// static `import … from "…"`, `export … from "…"`, side-effect `import "…"` and
// `import("…")` with a relative path (packages are not part of the graph).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Services } from "../../src/app/services.js";

const SRC = new URL("../../src/", import.meta.url).pathname;
const ROOT = new URL("../../", import.meta.url).pathname;
const TESTS = new URL("../", import.meta.url).pathname;
const BENCH = new URL("../../bench/", import.meta.url).pathname;
const SELF = new URL(import.meta.url).pathname;

/** The members of the services that hand out a `stores` field (never, since issue 8). */
type Stores<T> = { [K in keyof T]: T[K] extends object ? ("stores" extends keyof T[K] ? K : never) : never }[keyof T];

/**
 * How a source reaches stores through services (comments removed first): any `….stores` — in tests and benchmarks
 * only the harness's `h.stores` (the composition root's adapters) is allowed — and any `{ …, stores }` taken out of
 * something named services.
 */
export function storesReached(source: string, testOrBench: boolean): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const found: string[] = [];
  for (const m of code.matchAll(/([\w$)\]]+)\.stores\b/g)) if (!(testOrBench && m[1] === "h")) found.push(m[0]);
  for (const m of code.matchAll(/\{[^{}]*\bstores\b[^{}]*\}\s*=\s*[^;\n]*\bservices\b/g)) found.push(m[0]);
  return found;
}

/**
 * The folders of src/ and what each may import besides itself. `kernel` is the
 * handful of files at the top of src/ every layer may use (config, i18n, logger,
 * paths); `main` is src/main.ts, the bot's process.
 *
 * - domain: pure rules, no I/O — imports nothing of the project.
 * - render, presenters: turn domain data into text, charts, PDF/XLSX — no use cases, no storage.
 * - app: the use cases and their ports (interfaces). Never the storage behind them.
 *   (It still renders some messages through presenters; issue 8 §4 moves that to the edge.)
 * - db: implements app's ports on SQLite and PostgreSQL. Knows no adapter above it.
 * - wiring: the composition root — the ONLY folder that imports db (and the only one that knows app and db both);
 *   it also hands the bot's menus to the CLI (src/wiring/menus.ts).
 * - bot, server, cli, emulator, demo: the edges. They see app's interfaces, never db; the CLI
 *   does not reach into the bot (menus come through a port, see src/app/ports.ts's CommandMenuSync).
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  domain: [],
  kernel: ["domain"],
  render: ["domain", "kernel"],
  presenters: ["domain", "render", "kernel"],
  app: ["domain", "presenters", "render", "kernel"],
  db: ["app", "domain", "kernel"],
  wiring: ["app", "db", "bot", "domain", "render", "kernel"],
  server: ["app", "domain", "kernel"],
  bot: ["app", "domain", "presenters", "render", "kernel"],
  cli: ["app", "domain", "presenters", "render", "kernel", "wiring"],
  emulator: ["domain", "kernel"],
  demo: ["app", "cli", "domain", "emulator", "presenters", "kernel", "wiring", "bot"],
  main: ["app", "bot", "server", "domain", "kernel", "wiring"],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "generated" || name === "public") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The relative module specifiers a TypeScript source imports (comments removed first). */
export function specifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const found: string[] = [];
  for (const m of code.matchAll(/(?:^|[\n;])\s*(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']/g)) found.push(m[1]!);
  for (const m of code.matchAll(/(?:^|[\n;])\s*import\s*["']([^"']+)["']/g)) found.push(m[1]!);
  for (const m of code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push(m[1]!);
  return found.filter((s) => s.startsWith("."));
}

function folderOf(file: string): string {
  const parts = relative(SRC, file).split("/");
  if (parts.length > 1) return parts[0]!;
  return parts[0] === "main.ts" ? "main" : "kernel";
}

const files = sourceFiles(SRC);
const graph = new Map<string, string[]>(
  files.map((file) => [
    file,
    specifiers(readFileSync(file, "utf8")).map((s) => {
      const target = resolve(dirname(file), s).replace(/\.js$/, ".ts");
      return existsSync(target) ? target : resolve(dirname(file), s);
    }),
  ]),
);

/** Strongly connected components of more than one file (Tarjan), as paths relative to src/. */
function cycles(g: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(relative(SRC, w));
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe("the import graph of src/", () => {
  it("reads static, re-exported, side-effect and dynamic imports", () => {
    const src = `import a from "./a.js";\nimport type { B } from "../b.js";\nexport { c } from "./c.js";\nimport "./d.js";\n// import x from "./commented.js";\nconst e = await import("./e.js");\nimport { z } from "zod";`;
    expect(specifiers(src)).toEqual(["./a.js", "../b.js", "./c.js", "./d.js", "./e.js"]);
  });

  it("resolves every relative import to a file", () => {
    const missing = [...graph].flatMap(([file, targets]) => targets.filter((t) => !existsSync(t)).map((t) => `${relative(SRC, file)} → ${relative(SRC, t)}`));
    expect(missing).toEqual([]);
  });

  it("has a rule for every folder", () => {
    expect([...new Set(files.map(folderOf))].filter((f) => !(f in MAY_IMPORT))).toEqual([]);
  });

  it("keeps each folder to the layers it may import", () => {
    const broken = [...graph].flatMap(([file, targets]) => {
      const from = folderOf(file);
      return targets
        .filter((t) => existsSync(t))
        .filter((t) => folderOf(t) !== from && !MAY_IMPORT[from]!.includes(folderOf(t)))
        .map((t) => `${relative(SRC, file)} → ${relative(SRC, t)}`);
    });
    expect(broken).toEqual([]);
  });

  it("has no cycle between folders", () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, targets] of graph)
      for (const t of targets) if (existsSync(t) && folderOf(t) !== folderOf(file)) (folders.get(folderOf(file)) ?? folders.set(folderOf(file), new Set()).get(folderOf(file))!).add(folderOf(t));
    const asGraph = new Map([...folders].map(([f, to]) => [join(SRC, f), [...to].map((t) => join(SRC, t))]));
    for (const f of Object.keys(MAY_IMPORT)) if (!asGraph.has(join(SRC, f))) asGraph.set(join(SRC, f), []);
    expect(cycles(asGraph)).toEqual([]);
  });

  it("has no cycle between files", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("lets only the composition root reach the use cases' stores", () => {
    // Issue 8: Services exposes use cases only. The stores are the composition root's (src/wiring/compose.ts's
    // compose() returns them beside the services); tests and benchmarks that look at storage itself take them
    // from there, in tests through the harness (`h.stores`).
    const outside = [...files.filter((f) => folderOf(f) !== "wiring"), ...sourceFiles(TESTS), ...sourceFiles(BENCH)].filter((f) => f !== SELF);
    const reaching = outside.flatMap((f) => storesReached(readFileSync(f, "utf8"), !f.startsWith(SRC)).map((how) => `${relative(ROOT, f)}: ${how}`));
    expect(reaching).toEqual([]);
  });

  it("recognises a store reached through services, however it is spelled", () => {
    expect(storesReached("ctx.fs.services.stores.residents.find(id)", false)).toHaveLength(1);
    expect(storesReached("services(ctx).stores.audience.knownBuildings()", false)).toHaveLength(1);
    expect(storesReached("const { voting, stores } = h.services.consultations;", true)).toHaveLength(1);
    expect(storesReached("const own = statements.stores.statements.all(1);", true)).toHaveLength(1);
    expect(storesReached("h.stores.consultations.outbox", false)).toHaveLength(1);
    expect(storesReached("h.stores.consultations.outbox", true)).toEqual([]);
    expect(storesReached("const { services, adapters } = compose(db, opts); adapters.consultations.outbox", false)).toEqual([]);
  });

  it("has no stores field on the services", () => {
    // Checked by the type checker (npx tsc -p tests): a `stores` on Services or on any of its members fails to compile.
    expectTypeOf<Stores<Services>>().toEqualTypeOf<never>();
    expectTypeOf<"stores" extends keyof Services ? true : false>().toEqualTypeOf<false>();
  });
});
