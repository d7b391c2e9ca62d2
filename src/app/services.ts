import { LanguageService } from "./languages.js";
import { systemClock, type Clock, type ResidentStore, type RoleStore, type StaffLanguageStore, type UnitStore } from "./ports.js";
import { noTelemetry, type Telemetry } from "./telemetry.js";
import { UpdateLedger, type ProcessedUpdateStore } from "./updates.js";
import { PrivacyService } from "./privacy.js";
import { RegistrationService } from "./registration.js";
import { RoleService } from "./roles.js";
import { RosterService } from "./roster.js";
import { VerificationService } from "./verification.js";
import { createStatementServices, type StatementServices, type StatementStores } from "./statements/index.js";
import { createConsultationServices, type ConsultationServices, type ConsultationStores } from "./consultations/index.js";
import { createReportServices, type ReportServices } from "./reports/index.js";
import { createAnswerService, type AnswerService } from "./answers/index.js";
import { AuditLog } from "./audit/log.js";
import type { AuditStore } from "./audit/ports.js";
import { DepartmentService } from "./actions/departments.js";
import { Leases, type LeaseStore } from "./leases.js";
import { ConversationService, type ChatStateStore } from "./conversations/index.js";
import { createFollowUpServices, type FollowUpServices } from "./actions/followUpIndex.js";
import type { FollowUpStore } from "./actions/followUpPorts.js";
import type { PeerFeed } from "./peers.js";
import type { DepartmentStore } from "./actions/departments.js";
import type { SchedulerLock } from "./consultations/ports.js";
import type { ContentBuilder, ReportSourceStore, ReportStore } from "./reports/ports.js";
import type { ReportBuilder } from "./reports/builder.js";
import type { AnswerStore } from "./answers/ports.js";
import type { AnalysisResult } from "./statements/analysisRefresher.js";
import type { RenderWorker } from "../render/worker/index.js";

/** Every use case; the bot and the CLI both start from here (built by src/wiring/compose.ts). */
export interface Services {
  clock: Clock;
  /** Counts for /metrics (a no-op unless the process serves metrics). */
  telemetry: Telemetry;
  /** Which updates were handled, so that a redelivered one is skipped (src/bot/createBot.ts). */
  updates: UpdateLedger;
  registration: RegistrationService;
  verification: VerificationService;
  roster: RosterService;
  roles: RoleService;
  privacy: PrivacyService;
  /** The language of people without a resident record, staff above all. */
  languages: LanguageService;
  /** Statements, moderation, rating and the background analysis (issue 4). */
  statements: StatementServices;
  /** Consultations, polls, voting, closing, bulk sends and the outbox (issue 3). */
  consultations: ConsultationServices;
  /** Whether a failure means the database could not be used (down, unreachable, locked): nothing of the request was saved. */
  isStorageOutage(e: unknown): boolean;
  /** Reports handed to the back-stage: submission, reading (issue 9). */
  reports: ReportServices;
  /** The government's answers, relayed by the committee (issue 10). */
  answers: AnswerService;
  /** Every staff action, chained by hash (issue 10). */
  audit: AuditLog;
  /** Departments that follow-up actions go to (issue 10). */
  departments: DepartmentService;
  /** Every guided conversation (/new, /announce, /respond, statement inputs…): checked, revisioned, kept across restarts. */
  conversations: ConversationService;
  /** Follow-up actions (who does what by when) and the officials' daily digest (issue 10 §2). */
  followUps: FollowUpServices;
  /** The other instances on the database: start() where updates are handled (src/main.ts), close() before the database. */
  peers: PeerFeed;
}

/**
 * What the use cases stand on, built by the composition root (src/wiring/compose.ts):
 * the stores (ports implemented in src/db), the links between instances and the
 * worker threads. app itself never knows which database is behind them.
 */
export interface ServiceAdapters {
  residents: ResidentStore;
  units: UnitStore;
  roles: RoleStore;
  audit: AuditStore;
  staffLanguages: StaffLanguageStore;
  /** Where guided conversations live between messages (the ChatState table). */
  chatStates: ChatStateStore;
  departments: DepartmentStore;
  followUps: FollowUpStore;
  processedUpdates: ProcessedUpdateStore;
  /** Several instances on one database: what they tell each other, leases, the scheduler's lock. */
  instances: { peers: PeerFeed; leases: LeaseStore; schedulerLock: (() => SchedulerLock) | null };
  statements: StatementStores;
  /** Opinion-group analyses elsewhere (a worker thread); without it, on this thread. */
  analyzer?: { analyze(consultationId: number): Promise<AnalysisResult>; close(): Promise<void> };
  consultations: ConsultationStores;
  /** Closes what the consultation stores opened themselves (the vote path's driver connection). */
  closeConsultationStores?: () => Promise<void>;
  reports: { reports: ReportStore; sources: ReportSourceStore };
  renderer: RenderWorker;
  /** Report contents built elsewhere (a worker thread); without it, here. */
  reportContents?: (builder: ReportBuilder, timeZone: string) => ContentBuilder;
  answers: AnswerStore;
  /** Whether a failure means the storage could not be used at all. */
  isStorageOutage(e: unknown): boolean;
}

/** Every use case on the adapters given; src/wiring/compose.ts's createServices is the usual way in. */
export function assembleServices(
  adapters: ServiceAdapters,
  opts: {
    configuredAdmins: readonly bigint[];
    clock?: Clock;
    timeZone?: string;
    /** Where ballots, statement votes and analyses are counted (src/server/metrics.ts). */
    telemetry?: Telemetry;
  },
): Services {
  const clock = opts.clock ?? systemClock;
  const telemetry = opts.telemetry ?? noTelemetry;
  // ── Several instances on one database: changes announced to the others, work done once under leases, one scheduler.
  const links = adapters.instances;
  const instances = { peers: links.peers, leases: new Leases({ store: links.leases, clock }), schedulerLock: links.schedulerLock };
  // ──
  const { residents, units, roles } = adapters;
  const conversations = new ConversationService({ store: adapters.chatStates, clock });
  const audit = new AuditLog({ store: adapters.audit, clock });
  const roleService = new RoleService({ roles, configuredAdmins: opts.configuredAdmins, onChange: (userId, now) => languages.staffChanged(userId, now), audit });
  const languages = new LanguageService({ store: adapters.staffLanguages, roles: roleService, clock, peers: instances.peers });
  const statements = createStatementServices(adapters.statements, { clock, residents, conversations, audit, telemetry, instances, ...(adapters.analyzer ? { analyzer: adapters.analyzer } : {}) });
  const consultations = createConsultationServices(adapters.consultations, {
    clock,
    instances,
    configuredAdmins: opts.configuredAdmins,
    telemetry,
    audit,
    ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
    ...(adapters.closeConsultationStores ? { closeStores: adapters.closeConsultationStores } : {}),
  });
  return {
    clock,
    telemetry,
    updates: new UpdateLedger({ store: adapters.processedUpdates, clock }),
    registration: new RegistrationService({ residents, units, clock }),
    verification: new VerificationService({ residents, clock, audit }),
    roster: new RosterService({ units, audit }),
    roles: roleService,
    privacy: new PrivacyService({ residents, roles }),
    languages,
    statements,
    consultations,
    conversations,
    reports: createReportServices({ ...adapters.reports, outbox: adapters.consultations.outbox, consultations: adapters.consultations.consultations, statements: adapters.statements.statements }, {
      clock,
      roles: roleService,
      consultations,
      statements,
      audit,
      renderer: adapters.renderer,
      ...(adapters.reportContents ? { contents: adapters.reportContents } : {}),
      ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
    }),
    answers: createAnswerService({ answers: adapters.answers, reports: adapters.reports.reports, consultations: adapters.consultations.consultations, audience: adapters.consultations.audience, outbox: adapters.consultations.outbox }, { clock, roles: roleService, consultations, audit, ...(opts.timeZone ? { timeZone: opts.timeZone } : {}) }),
    audit,
    departments: new DepartmentService({ store: adapters.departments, clock, audit }),
    followUps: createFollowUpServices({ followUps: adapters.followUps, reports: adapters.reports.reports, consultations: adapters.consultations.consultations, audience: adapters.consultations.audience, outbox: adapters.consultations.outbox }, { clock, roles: roleService, consultations, audit, ...(opts.timeZone ? { timeZone: opts.timeZone } : {}) }),
    isStorageOutage: (e) => adapters.isStorageOutage(e),
    peers: instances.peers,
  };
}
