// A worker thread for the heavy renderings (PDF, XLSX, charts), so the bot's
// event loop never waits on them: loading exceljs alone blocks a thread for
// a second or more, and pdfkit embeds fonts synchronously.

import { Worker } from "node:worker_threads";
import type { RenderJob, RenderResult } from "./jobs.js";

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export interface RenderWorker {
  render<J extends RenderJob>(job: J): Promise<RenderResult<J>>;
  /** Stops the thread (pending jobs fail). */
  close(): Promise<void>;
}

/**
 * The thread's young generation is kept small (V8 gives it up to 3 × 16 MB):
 * its jobs make short-lived garbage in bursts (SVG strings, ECharts' layout,
 * exceljs' rows), and every megabyte the young generation grows to stays in
 * the process's resident memory. Measured on the render bench, the peak RSS
 * of main thread + worker fell by 20–50 MB, for no CPU time we could tell
 * apart from the noise. The old generation is not capped: a large export must
 * not fail for want of heap.
 */
const options = { resourceLimits: { maxYoungGenerationSizeMb: 8 } };

/**
 * Built code runs workerMain.js directly. From tsx or vitest the sources are
 * .ts: the thread first registers tsx's loader (a dev dependency), then imports
 * the .ts entry.
 */
function startThread(): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./workerMain.js", import.meta.url), options);
  const loader = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./workerMain.ts", import.meta.url).href;
  return new Worker(`import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true, ...options });
}

function revive<J extends RenderJob>(job: J, result: unknown): RenderResult<J> {
  const bytes = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  if (job.kind === "warm") return result as RenderResult<J>;
  if (job.kind === "chart") {
    const chart = result as { svg: string; png: Uint8Array; width: number; height: number };
    return { ...chart, png: bytes(chart.png) } as RenderResult<J>;
  }
  return bytes(result as Uint8Array) as RenderResult<J>;
}

/** Starts the thread on first use; idle, it does not keep the process alive. */
export function createRenderWorker(): RenderWorker {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    if (worker) return worker;
    const w = startThread();
    w.on("message", (m: { id: number; ok: true; result: unknown } | { id: number; ok: false; name: string; message: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (pending.size === 0) w.unref();
      if (m.ok) p.resolve(m.result);
      else {
        const error = m.name === "RangeError" ? new RangeError(m.message) : new Error(m.message);
        p.reject(error);
      }
    });
    w.on("error", (error) => {
      worker = null;
      failAll(error);
    });
    w.on("exit", (code) => {
      worker = null;
      failAll(new Error(`render worker stopped (exit code ${code})`));
    });
    w.unref();
    worker = w;
    return w;
  };

  return {
    async render<J extends RenderJob>(job: J): Promise<RenderResult<J>> {
      const w = start();
      const id = nextId++;
      const result = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
      w.ref();
      w.postMessage({ id, job });
      return revive(job, await result);
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

/**
 * The same jobs on the calling thread (tests, CLI one-offs). The renderers (charts, PDF, XLSX, CSV and
 * zip, with csv-stringify and fflate) are imported on the first job: a process that never renders
 * inline — the bot, whose jobs go to the thread — does not hold them.
 */
export function createInlineRenderer(): RenderWorker {
  return { render: async (job) => (await import("./jobs.js")).runJob(job), close: async () => {} };
}
