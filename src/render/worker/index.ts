// Types only: the renderers behind runJob are loaded where jobs run (workerMain.ts, or the inline renderer's first job).
export type * from "./jobs.js";
export * from "./renderWorker.js";
