// Runs the opinion-group analysis in a worker thread, so that a refresh of two
// million votes (seconds of reading and arithmetic) never holds up a resident's
// button press. One long-lived worker, started on first use; requests queue.
//
// The loader question: `npm start` runs the compiled dist/, where the worker is
// analysisWorker.js next to this file. Tests and `tsx` run the TypeScript
// sources, where it is analysisWorker.ts, which Node cannot load by itself: the
// worker is then started from a two-line script that registers tsx's loader in
// the worker first (tsx is a dev dependency, present wherever sources run).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { AnalysisResult } from "../app/statements/analysisRefresher.js";
import type { AnalysisReply, AnalysisRequest } from "./analysisWorker.js";

/** How to start the worker from where this module runs: compiled JavaScript, or TypeScript under tsx/vitest. */
export function workerEntry(selfUrl: string = import.meta.url): { kind: "compiled"; url: URL } | { kind: "source"; code: string } {
  if (!selfUrl.endsWith(".ts")) return { kind: "compiled", url: new URL("./analysisWorker.js", selfUrl) };
  // tsx's ESM API (the "import" condition of tsx/esm/api): register() installs the loader in this thread.
  const api = pathToFileURL(createRequire(selfUrl).resolve("tsx/esm/api").replace(/index\.cjs$/, "index.mjs")).href;
  const target = new URL("./analysisWorker.ts", selfUrl).href;
  return { kind: "source", code: `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); });` };
}

export class AnalysisThread {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: AnalysisResult) => void; reject: (e: Error) => void }>();

  constructor(private readonly databaseUrl: string) {}

  /** Reads and analyses one consultation in the worker. */
  async analyze(consultationId: number): Promise<AnalysisResult> {
    await this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ id, consultationId } satisfies AnalysisRequest);
    });
  }

  /** Lets the worker close its database, then ends it; safe to call twice. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    this.ready = undefined;
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.postMessage("close");
    const timer = setTimeout(() => void worker.terminate(), 2_000);
    await exited;
    clearTimeout(timer);
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const entry = workerEntry();
    const workerData = { databaseUrl: this.databaseUrl };
    const worker = entry.kind === "compiled" ? new Worker(entry.url, { workerData }) : new Worker(entry.code, { eval: true, workerData });
    this.worker = worker;
    // The worker holds no timer of its own: it never keeps the process alive on its own.
    worker.unref();
    this.ready = new Promise<void>((resolve, reject) => {
      worker.once("error", reject);
      worker.once("message", (m) => (m === "ready" ? resolve() : reject(new Error(`analysis worker: unexpected first message ${String(m)}`))));
    });
    worker.on("message", (m: AnalysisReply | "ready") => {
      if (m === "ready") return;
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      if ("error" in m) waiting.reject(new Error(`analysis worker: ${m.error}`));
      else waiting.resolve(m.result);
    });
    worker.on("error", (e) => this.failAll(e));
    worker.on("exit", (code) => {
      if (this.worker === worker) {
        this.worker = undefined;
        this.ready = undefined;
      }
      this.failAll(new Error(`analysis worker exited with code ${code}`));
    });
    return this.ready;
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
