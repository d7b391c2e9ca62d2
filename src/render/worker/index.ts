export * from "./jobs.js";
export * from "./renderWorker.js";
