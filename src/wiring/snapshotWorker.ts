// Builds report contents on a worker thread (src/wiring/snapshotWorkerMain.ts)
// that reads the database on its own connection: the bot's event loop never
// waits for the reading of the votes or the consensus analysis.
import { Worker } from "node:worker_threads";
import type { Consultation } from "../domain/consultations/consultation.js";
import { parseReportContent, type ReportContent } from "../domain/reports/index.js";
import type { ContentBuilder, StoredReport } from "../app/reports/ports.js";

/** Built code runs the .js entry; from tsx or vitest the thread registers tsx's loader first (as src/render/worker does). */
function startThread(): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./snapshotWorkerMain.js", import.meta.url));
  const loader = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./snapshotWorkerMain.ts", import.meta.url).href;
  return new Worker(`import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

/**
 * How long the thread stays after its last build. Then it closes its database
 * connection and ends: its heap (the two million votes' columns, the engine's
 * matrices) goes back to the system instead of staying in the bot's RSS until the next report.
 */
export const SNAPSHOT_WORKER_IDLE_MS = 30_000;

export interface SnapshotWorkerOptions {
  readonly idleMs?: number;
  /** Told when the thread has ended after being idle (tests). */
  readonly onIdleExit?: () => void;
}

/** Asks the thread to close its database connection, then ends it. */
async function stop(w: Worker): Promise<void> {
  // Its database connection is closed first: a test database cannot be dropped while it is open.
  await new Promise<void>((resolve) => {
    const done = (m: unknown) => {
      if (typeof m === "object" && m !== null && "closed" in m) resolve();
    };
    w.on("message", done);
    w.ref();
    w.postMessage({ close: true });
    setTimeout(resolve, 2_000).unref();
  });
  await w.terminate();
}

export function createSnapshotWorker(databaseUrl: string, timeZone: string, options: SnapshotWorkerOptions = {}): ContentBuilder {
  const idleMs = options.idleMs ?? SNAPSHOT_WORKER_IDLE_MS;
  let worker: Worker | null = null;
  let idle: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (json: string) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const start = () => {
    if (worker) return worker;
    const w = startThread();
    w.on("message", (m: { id: number; ok: true; json: string } | { id: number; ok: false; message: string } | { closed: true }) => {
      if ("closed" in m) return;
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (pending.size === 0) {
        w.unref();
        idle = setTimeout(() => {
          idle = null;
          if (worker !== w || pending.size > 0) return;
          worker = null;
          void stop(w).then(() => options.onIdleExit?.());
        }, idleMs);
        idle.unref();
      }
      if (m.ok) p.resolve(m.json);
      else p.reject(new Error(m.message));
    });
    // A thread ended after being idle (or closed) may exit after its successor started: only the current one's end fails the pending builds.
    w.on("error", (e) => {
      if (worker !== w) return;
      worker = null;
      failAll(e);
    });
    w.on("exit", (code) => {
      if (worker !== w) return;
      worker = null;
      failAll(new Error(`snapshot worker stopped (exit code ${code})`));
    });
    w.unref();
    return (worker = w);
  };
  return {
    async build(c, previous, at) {
      if (idle) clearTimeout(idle);
      idle = null;
      const w = start();
      const id = nextId++;
      const json = new Promise<string>((resolve, reject) => pending.set(id, { resolve, reject }));
      w.ref();
      w.postMessage({ id, databaseUrl, timeZone, consultationId: c.id, previousVersion: previous?.version ?? null, at: at.getTime() });
      const content = parseReportContent(await json);
      if (!content) throw new Error("the snapshot worker returned content of an unknown format");
      return content;
    },
    async close() {
      if (idle) clearTimeout(idle);
      idle = null;
      const w = worker;
      worker = null;
      if (w) await stop(w);
      failAll(new Error("snapshot worker closed"));
    },
  };
}
