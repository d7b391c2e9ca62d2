// Entry point of the render worker thread: one job per message, answered by id.

import { parentPort } from "node:worker_threads";
import { runJob, type RenderJob } from "./jobs.js";

if (!parentPort) throw new Error("workerMain runs as a worker thread");
const port = parentPort;

port.on("message", (message: { id: number; job: RenderJob }) => {
  runJob(message.job).then(
    (result) => {
      const bytes = typeof result === "number" ? null : result instanceof Uint8Array ? result : result.png;
      // Transfer the bytes' memory instead of copying (only when the buffer is not Node's shared pool).
      const transfer = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : [];
      port.postMessage({ id: message.id, ok: true, result }, transfer);
    },
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ id: message.id, ok: false, name: e.name, message: e.message });
    },
  );
});
