// The Prisma schema engine compiled to WebAssembly, driven through a driver
// adapter, so migrations need neither the native engine binary nor a download.
//
// `import "@prisma/schema-engine-wasm"` fails on Node (it imports a .wasm file)
// and the package's `exports` hide the .wasm from `require.resolve`, so we load
// the JS glue ourselves and instantiate the .wasm next to it. A second
// instantiation in one process is reported to crash, hence one module-level
// promise; engines made from it are per database and freed after use.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

export type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

// Node has WebAssembly, but its types live in lib "dom" (which this project
// does not load) and @types/node 20 does not declare them: the two calls we use.
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: Record<string, Record<string, unknown>>): Promise<{ exports: unknown }>;
};

let glue: Promise<Glue> | undefined;

/** Loads and starts the wasm module once per process; later calls share it. */
export function loadSchemaEngineWasm(): Promise<Glue> {
  glue ??= instantiate().catch((error: unknown) => {
    glue = undefined; // a failed load (e.g. a missing file) may be retried
    throw error;
  });
  return glue;
}

async function instantiate(): Promise<Glue> {
  installPanicRegistry();
  const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const [module, bytes] = await Promise.all([
    import("@prisma/schema-engine-wasm/schema_engine_bg"),
    readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm")),
  ]);
  const compiled = await WebAssembly.compile(bytes);
  // The glue module's exports are the wasm's imports, under the name wasm-bindgen gave them.
  const imports = { ...module, ...timerImports(module) };
  const instance = await WebAssembly.instantiate(compiled, { "./schema_engine_bg.js": imports });
  module.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return module;
}

/**
 * The engine starts timers it never cancels (the glue has setTimeout but no
 * clearTimeout): each finished command leaves one behind that kept tests and
 * scripts alive for ~10 s after their last query, and when one fires after its
 * engine was freed it calls into a closure the engine already dropped, which
 * throws outside any command (an uncaught error that fails a test run or
 * stops the bot). So every timer is tracked while it is pending: while a
 * command runs they stay referenced (with SQLite nothing else may hold the
 * event loop open); once no engine is busy the leftovers are cleared — they
 * can only belong to freed engines — and a callback that still throws while
 * no engine is busy is reported, not rethrown.
 */
const pendingTimers = new Set<NodeJS.Timeout>();
let busyEngines = 0;

function timerImports(module: Glue): Record<string, unknown> {
  const name = Object.keys(module).find((key) => key.startsWith("__wbg_setTimeout_"));
  if (!name) return {};
  return {
    [name]: (callback: () => void, ms: number) => {
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        runEngineCallback(callback);
      }, ms >>> 0);
      if (busyEngines === 0) timer.unref();
      pendingTimers.add(timer);
      return timer;
    },
  };
}

function runEngineCallback(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    if (busyEngines > 0) throw error;
    console.error(`Prisma schema engine: a timer of a finished engine failed (ignored): ${String(error)}`);
  }
}

function releaseTimersIfIdle(): void {
  if (busyEngines > 0) return;
  for (const timer of pendingTimers) clearTimeout(timer);
  pendingTimers.clear();
}

/**
 * The engine reports a Rust panic by calling `PRISMA_WASM_PANIC_REGISTRY.set_message`
 * on the global object (the Prisma CLI installs one). Without it a panic dies
 * on "Cannot read properties of undefined"; with it the wasm then traps and
 * escapes as an uncaught "unreachable" error that carries no reason, so the
 * reason is printed here first.
 */
function installPanicRegistry(): void {
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      console.error(`Prisma schema engine panicked: ${message}`);
    },
  };
}

export interface EngineOptions {
  /**
   * Prisma schema files the engine should know (name, text). Defaults to a
   * datasource-only schema for the factory's provider: the engine panics
   * (and takes the process down) when given none.
   */
  datamodels?: [string, string][];
  /** Receives the engine's log lines (JSON strings); silent by default. */
  log?: (line: string) => void;
}

/**
 * Runs `use` with a schema engine connected through `factory`, then frees the
 * engine and disposes every connection it opened (the engine does not end
 * pools itself, and an open pg pool would keep the process alive).
 */
export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  options: EngineOptions,
  use: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const wasm = await loadSchemaEngineWasm();
  const opened: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => remember(await factory.connect()),
    connectToShadowDb: async () => remember(await factory.connectToShadowDb()),
  };
  function remember(adapter: SqlDriverAdapter): SqlDriverAdapter {
    opened.push(adapter);
    return adapter;
  }
  const log = options.log ?? (() => {});
  let engine: SchemaEngine | undefined;
  busyEngines += 1;
  try {
    engine = await wasm.SchemaEngine.new(
      { datamodels: options.datamodels?.length ? options.datamodels : [minimalSchema(factory.provider)] },
      log,
      bindMigrationAwareSqlAdapterFactory(tracked),
    );
    return await use(engine);
  } finally {
    engine?.free();
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
    busyEngines -= 1;
    releaseTimersIfIdle();
  }
}

function minimalSchema(provider: string): [string, string] {
  const name = provider === "postgres" ? "postgresql" : provider;
  return ["schema.prisma", `datasource db {\n  provider = "${name}"\n}\n`];
}
