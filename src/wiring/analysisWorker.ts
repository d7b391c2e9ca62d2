// The body of the analysis worker thread (started by analysisThread.ts): it opens
// a database connection of its own, so that reading millions of votes — which the
// SQLite driver does synchronously — and the analysis itself both happen off the
// bot's event loop. One request at a time: { id, consultationId } in, { id, result }
// or { id, error } out.
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../db/client.js";
import { PrismaStatementStore } from "../db/repositories/statements.js";
import { computeAnalysis } from "../app/statements/analysisRefresher.js";

export interface AnalysisRequest {
  id: number;
  consultationId: number;
}
export type AnalysisReply = { id: number; result: Awaited<ReturnType<typeof computeAnalysis>> } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error("analysisWorker.ts runs as a worker thread (see analysisThread.ts)");
const { databaseUrl } = workerData as { databaseUrl: string };
const db = await openDatabase(databaseUrl, { maxConnections: 1 });
const statements = new PrismaStatementStore(db.prisma, db.provider);

let queue = Promise.resolve();
port.on("message", (request: AnalysisRequest | "close") => {
  if (request === "close") {
    queue = queue.then(async () => {
      await db.close();
      port.close();
    });
    return;
  }
  queue = queue.then(async () => {
    try {
      port.postMessage({ id: request.id, result: await computeAnalysis(statements, request.consultationId) } satisfies AnalysisReply);
    } catch (e) {
      port.postMessage({ id: request.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies AnalysisReply);
    }
  });
});
port.postMessage("ready");
