// Reports handed to the back-stage, wired to the stores the composition root
// (src/wiring/) built for them.
import type { AuditSink } from "../audit/log.js";
import { translator as sharedTranslator, type Translator } from "../../i18n.js";
import type { Clock } from "../ports.js";
import type { RoleService } from "../roles.js";
import type { ConsultationServices } from "../consultations/index.js";
import type { StatementServices } from "../statements/index.js";
import { ReportBuilder } from "./builder.js";
import { BackgroundJobs } from "./jobs.js";
import { ReportNotifier } from "./notify.js";
import type { ContentBuilder, ReportSourceStore, ReportStore } from "./ports.js";
import type { ConsultationStore, OutboxStore } from "../consultations/ports.js";
import type { StatementStore } from "../statements/ports.js";
import type { RenderWorker } from "../../render/worker/index.js";
import { ReportSubmission } from "./submission.js";
import { ReportViewing } from "./viewing.js";

export interface ReportServices {
  builder: ReportBuilder;
  submission: ReportSubmission;
  viewing: ReportViewing;
  /** Snapshot builds and files, off the update's path. */
  jobs: BackgroundJobs;
  /** Charts, PDF and XLSX: on a worker thread for the bot (with a database URL), else on this one. */
  renderer: RenderWorker;
  /** Stops the worker threads (and the snapshot worker's database connection), if they were started. */
  close(): Promise<void>;
}

export function createReportServices(
  stores: { reports: ReportStore; sources: ReportSourceStore; outbox: OutboxStore; consultations: ConsultationStore; statements: StatementStore },
  deps: {
    clock: Clock;
    roles: RoleService;
    consultations: ConsultationServices;
    statements: StatementServices;
    translator?: Translator;
    timeZone?: string;
    /** Charts, PDF and XLSX (src/render/worker: a thread of its own, or inline). */
    renderer: RenderWorker;
    /** Builds contents elsewhere (a worker thread with its own connection, src/wiring/snapshotWorker.ts); without it, here. */
    contents?: (builder: ReportBuilder, timeZone: string) => ContentBuilder;
    audit?: AuditSink;
  },
): ReportServices {
  const { reports, sources } = stores;
  const { consultations: cs, clock } = deps;
  const builder = new ReportBuilder({ closing: cs.closing, statements: stores.statements, sources, clock });
  const notifier = new ReportNotifier({ sources, outbox: stores.outbox, translator: deps.translator ?? sharedTranslator(), timeZone: deps.timeZone ?? cs.timeZone, clock, queued: cs.signals.outboxQueued });
  const timeZone = deps.timeZone ?? cs.timeZone;
  const renderer = deps.renderer;
  const contents: ContentBuilder = deps.contents ? deps.contents(builder, timeZone) : { build: (c, previous, at) => builder.build(c, previous, at), close: async () => {} };
  return {
    builder,
    submission: new ReportSubmission({ consultations: stores.consultations, reports, contents, notifier, roles: deps.roles, clock, ...(deps.audit ? { audit: deps.audit } : {}) }),
    viewing: new ReportViewing({ reports, sources, roles: deps.roles, clock, ...(deps.audit ? { audit: deps.audit } : {}) }),
    jobs: new BackgroundJobs(),
    renderer,
    close: async () => {
      await contents.close();
      await renderer.close();
    },
  };
}

export type { ReportHeader, StoredReport } from "./ports.js";
export type { SubmitOutcome, PreviewOutcome, SubmitRefusal } from "./submission.js";
export type { OpenOutcome, FileOutcome, Viewer, ListedReport } from "./viewing.js";
