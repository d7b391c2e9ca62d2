// The composition root: the one place that knows both the use cases (src/app)
// and the storage behind their ports (src/db). Every process — the bot
// (src/main.ts), the CLI, the demo, the worker threads and the tests — builds its
// services here; everything else depends on app's interfaces only.
import { assembleServices, type ServiceAdapters, type Services } from "../app/services.js";
import type { Clock } from "../app/ports.js";
import type { Telemetry } from "../app/telemetry.js";
import type { Database } from "../db/client.js";
import { openDriverPath, type DriverPath } from "../db/driverPath.js";
import { instanceLinks } from "../db/instances.js";
import { PrismaAnalysisCacheStore } from "../db/repositories/analysisCache.js";
import { PrismaAnswerStore } from "../db/repositories/answers.js";
import { PrismaAudienceStore } from "../db/repositories/audience.js";
import { PrismaAuditStore } from "../db/repositories/audit.js";
import { PrismaBallotStore } from "../db/repositories/ballots.js";
import { PrismaConsultationStore } from "../db/repositories/consultations.js";
import { PrismaChatStateStore } from "../db/repositories/chatStates.js";
import { PrismaDepartmentStore } from "../db/repositories/departments.js";
import { PrismaFollowUpStore } from "../db/repositories/followUps.js";
import { isDatabaseUnavailable } from "../db/repositories/errors.js";
import { PrismaOutboxStore } from "../db/repositories/outbox.js";
import { PrismaPolisImportStore } from "../db/repositories/polisImports.js";
import { PrismaProcessedUpdateStore } from "../db/repositories/processedUpdates.js";
import { PrismaReportSourceStore, PrismaReportStore } from "../db/repositories/reports.js";
import { PrismaResidentStore } from "../db/repositories/residents.js";
import { PrismaRoleStore } from "../db/repositories/roles.js";
import { PrismaStaffLanguageStore } from "../db/repositories/staffLanguage.js";
import { PrismaStatementStore } from "../db/repositories/statements.js";
import { PrismaUnitStore } from "../db/repositories/units.js";
import { openUpdateClaims } from "../db/updateClaims.js";
import { createInlineRenderer, createRenderWorker } from "../render/worker/index.js";
import { AnalysisThread } from "./analysisThread.js";
import { createSnapshotWorker } from "./snapshotWorker.js";

export type { ServiceAdapters, Services } from "../app/services.js";

export interface ComposeOptions {
  configuredAdmins: readonly bigint[];
  clock?: Clock;
  timeZone?: string;
  /**
   * Lets the vote path write through a driver connection of its own (see src/db/driverPath.ts), report contents and
   * charts be built on worker threads; call services.consultations.close() and services.reports.close() at the end.
   */
  databaseUrl?: string;
  /** Where ballots, statement votes and analyses are counted (src/server/metrics.ts). */
  telemetry?: Telemetry;
  /** Opinion-group analyses run in a worker thread reading `databaseUrl` (src/main.ts), not on the event loop. */
  analysisThread?: boolean;
}

/** Every use case, wired to one database. */
export function createServices(db: Database, opts: ComposeOptions): Services {
  return compose(db, opts).services;
}

/**
 * The use cases and, beside them, the adapters they stand on: for what looks at the
 * storage itself rather than through a use case — the outbox gauges of /metrics and
 * /healthz (src/main.ts), tests and benchmarks. Services never hand out their stores.
 */
export function compose(db: Database, opts: ComposeOptions): { services: Services; adapters: ServiceAdapters } {
  const url = opts.databaseUrl;
  // With the database URL, votes, the sender's lookup and closings' bulk reads use prepared statements on a driver connection of their own.
  let driver: Promise<DriverPath> | undefined;
  const openDriver = url ? () => (driver ??= openDriverPath(db.provider, url)) : null;
  const reports = new PrismaReportStore(db.prisma);
  const adapters: ServiceAdapters = {
    residents: new PrismaResidentStore(db.prisma, openDriver, db.othersSeeAllWrites),
    units: new PrismaUnitStore(db.prisma),
    roles: new PrismaRoleStore(db.prisma),
    audit: new PrismaAuditStore(db.prisma),
    staffLanguages: new PrismaStaffLanguageStore(db.prisma),
    chatStates: new PrismaChatStateStore(db.prisma),
    departments: new PrismaDepartmentStore(db.prisma),
    followUps: new PrismaFollowUpStore(db.prisma),
    processedUpdates: new PrismaProcessedUpdateStore(db.prisma, url ? () => openUpdateClaims(db.provider, url) : null),
    // Several instances on one database (issue 11 §5).
    instances: instanceLinks(db, url),
    statements: {
      statements: new PrismaStatementStore(db.prisma, db.provider),
      analysisCache: new PrismaAnalysisCacheStore(db.prisma),
      polisImports: new PrismaPolisImportStore(db.prisma, db.provider),
    },
    ...(opts.analysisThread && url ? { analyzer: new AnalysisThread(url) } : {}),
    consultations: {
      consultations: new PrismaConsultationStore(db.prisma, db.provider),
      ballots: new PrismaBallotStore(db.prisma, db.provider, openDriver),
      audience: new PrismaAudienceStore(db.prisma, openDriver),
      outbox: new PrismaOutboxStore(db.prisma),
    },
    closeConsultationStores: async () => {
      if (driver) await (await driver).close();
      driver = undefined;
    },
    reports: { reports, sources: new PrismaReportSourceStore(db.prisma, db.provider) },
    // Charts, PDF and XLSX on a worker thread for the bot (with a database URL), else on this one.
    renderer: url ? createRenderWorker() : createInlineRenderer(),
    // With the URL, report contents are built on a worker thread with its own connection.
    ...(url ? { reportContents: (_builder, timeZone) => createSnapshotWorker(url, timeZone) } : {}),
    answers: new PrismaAnswerStore(db.prisma),
    isStorageOutage: isDatabaseUnavailable,
  };
  const services = assembleServices(adapters, {
    configuredAdmins: opts.configuredAdmins,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
    ...(opts.telemetry ? { telemetry: opts.telemetry } : {}),
  });
  return { services, adapters };
}
