// Entry point of the snapshot worker thread: it opens the database itself and
// builds a report's content with the same builder and stores the bot uses, so
// neither reading two million votes nor the consensus analysis runs on the bot's thread.
//
// It loads only what a report's content is built from (the builder, four
// stores), not the whole composition root: under tsx the full service graph
// took ~0.6 s and ~30 MB of the thread's start for modules a build never runs.
// Only an interim report (polls still open) needs closing's count; the full
// services are loaded for it then, and kept.
import { parentPort } from "node:worker_threads";
import type { Consultation, StoredPollResult } from "../domain/consultations/consultation.js";
import { ReportBuilder } from "../app/reports/builder.js";
import { openDatabase, type Database } from "../db/client.js";
import { PrismaConsultationStore } from "../db/repositories/consultations.js";
import { PrismaReportSourceStore, PrismaReportStore } from "../db/repositories/reports.js";
import { PrismaStatementStore } from "../db/repositories/statements.js";
import type { Services } from "./compose.js";

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

interface Opened {
  readonly url: string;
  readonly db: Database;
  readonly at: { now: number };
  readonly consultations: PrismaConsultationStore;
  readonly reports: PrismaReportStore;
  readonly builder: ReportBuilder;
}

let opened: Opened | null = null;

async function servicesFor(job: SnapshotJob): Promise<Opened> {
  if (opened?.url !== job.databaseUrl) {
    await opened?.db.close();
    const db = await openDatabase(job.databaseUrl, { maxConnections: 2 });
    const at = { now: job.at };
    const clock = { now: () => new Date(at.now) };
    // The whole service graph, loaded the first time an interim report needs closing's own count.
    let full: Promise<Services> | undefined;
    const services = () =>
      (full ??= import("./compose.js").then(({ compose }) => compose(db, { configuredAdmins: [], clock, timeZone: job.timeZone }).services));
    const closing = { preview: async (c: Consultation): Promise<Map<number, StoredPollResult>> => (await services()).consultations.closing.preview(c) };
    const builder = new ReportBuilder({ closing, statements: new PrismaStatementStore(db.prisma, db.provider), sources: new PrismaReportSourceStore(db.prisma, db.provider), clock });
    opened = { url: job.databaseUrl, db, at, consultations: new PrismaConsultationStore(db.prisma, db.provider), reports: new PrismaReportStore(db.prisma), builder };
  }
  opened.at.now = job.at;
  return opened;
}

async function run(job: SnapshotJob): Promise<string> {
  const { consultations, reports, builder } = await servicesFor(job);
  const c = await consultations.find(job.consultationId);
  if (!c) throw new Error(`consultation ${job.consultationId} not found`);
  const previous = job.previousVersion === null ? null : await reports.find(job.consultationId, job.previousVersion);
  return JSON.stringify(await builder.build(c, previous));
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
