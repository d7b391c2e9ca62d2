// Entry point of the snapshot worker thread: it opens the database itself and
// builds a report's content with the same services the bot uses, so neither
// reading two million votes nor the consensus analysis runs on the bot's thread.
import { parentPort } from "node:worker_threads";
import { openDatabase, type Database } from "../db/client.js";
import { compose, type ServiceAdapters, type Services } from "./compose.js";

if (!parentPort) throw new Error("snapshotWorkerMain runs as a worker thread");
const port = parentPort;

export interface SnapshotJob {
  readonly id: number;
  readonly databaseUrl: string;
  readonly timeZone: string;
  readonly consultationId: number;
  /** The version the content is compared with (null: the first). */
  readonly previousVersion: number | null;
  /** The moment the figures are computed at (ms). */
  readonly at: number;
}

let opened: { url: string; db: Database; services: Services; stores: ServiceAdapters; at: { now: number } } | null = null;

async function servicesFor(job: SnapshotJob) {
  if (opened?.url !== job.databaseUrl) {
    await opened?.db.close();
    const db = await openDatabase(job.databaseUrl, { maxConnections: 2 });
    const at = { now: job.at };
    const { services, adapters } = compose(db, { configuredAdmins: [], clock: { now: () => new Date(at.now) }, timeZone: job.timeZone });
    opened = { url: job.databaseUrl, db, at, services, stores: adapters };
  }
  opened.at.now = job.at;
  return opened;
}

async function run(job: SnapshotJob): Promise<string> {
  const { services, stores } = await servicesFor(job);
  const c = await stores.consultations.consultations.find(job.consultationId);
  if (!c) throw new Error(`consultation ${job.consultationId} not found`);
  const previous = job.previousVersion === null ? null : await stores.reports.reports.find(job.consultationId, job.previousVersion);
  return JSON.stringify(await services.reports.builder.build(c, previous));
}

port.on("message", (message: SnapshotJob | { close: true }) => {
  if ("close" in message) {
    void (async () => {
      await opened?.db.close();
      opened = null;
      port.postMessage({ closed: true });
    })();
    return;
  }
  run(message).then(
    (json) => port.postMessage({ id: message.id, ok: true, json }),
    (error: unknown) => port.postMessage({ id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
