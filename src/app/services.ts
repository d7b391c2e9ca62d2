import type { Database } from "../db/client.js";
import { PrismaResidentStore } from "../db/repositories/residents.js";
import { PrismaRoleStore } from "../db/repositories/roles.js";
import { PrismaUnitStore } from "../db/repositories/units.js";
import { isDatabaseUnavailable } from "../db/repositories/errors.js";
import { PrismaStaffLanguageStore } from "../db/repositories/staffLanguage.js";
import { LanguageService } from "./languages.js";
import { systemClock, type Clock, type ResidentStore, type RoleStore, type UnitStore } from "./ports.js";
import { noTelemetry, type Telemetry } from "./telemetry.js";
import { UpdateLedger } from "./updates.js";
import { PrismaProcessedUpdateStore } from "../db/repositories/processedUpdates.js";
import { openUpdateClaims } from "../db/updateClaims.js";
import { PrivacyService } from "./privacy.js";
import { RegistrationService } from "./registration.js";
import { RoleService } from "./roles.js";
import { RosterService } from "./roster.js";
import { VerificationService } from "./verification.js";
import { createStatementServices, type StatementServices } from "./statements/index.js";
import { createConsultationServices, type ConsultationServices } from "./consultations/index.js";
import { createReportServices, type ReportServices } from "./reports/index.js";
import { createAnswerService, type AnswerService } from "./answers/index.js";
import { AuditLog } from "./audit/log.js";
import { DepartmentService } from "./actions/departments.js";
import { PrismaDepartmentStore } from "../db/repositories/departments.js";
import { PrismaAuditStore } from "../db/repositories/audit.js";
// Several instances on one database (issue 11 §5).
import { instanceLinks } from "../db/instances.js";
import { Leases } from "./leases.js";
import type { PeerFeed } from "./peers.js";

/** Every use case, wired to one database; the bot and the CLI both start from here. */
export interface Services {
  clock: Clock;
  /** Counts for /metrics (a no-op unless the process serves metrics). */
  telemetry: Telemetry;
  /** Which updates were handled, so that a redelivered one is skipped (src/bot/createBot.ts). */
  updates: UpdateLedger;
  stores: { residents: ResidentStore; units: UnitStore; roles: RoleStore };
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
  /** The other instances on the database: start() where updates are handled (src/main.ts), close() before the database. */
  peers: PeerFeed;
}

export function createServices(
  db: Database,
  opts: {
    configuredAdmins: readonly bigint[];
    clock?: Clock;
    timeZone?: string;
    /** Lets the vote path write through a driver connection of its own (see src/db/driverPath.ts); call services.consultations.close() at the end. */
    databaseUrl?: string;
    /** Where ballots, statement votes and analyses are counted (src/server/metrics.ts). */
    telemetry?: Telemetry;
    /** Opinion-group analyses run in a worker thread reading `databaseUrl` (src/main.ts), not on the event loop. */
    analysisThread?: boolean;
  },
): Services {
  const clock = opts.clock ?? systemClock;
  const telemetry = opts.telemetry ?? noTelemetry;
  // ── Several instances on one database: changes announced to the others, work done once under leases, one scheduler.
  const links = instanceLinks(db, opts.databaseUrl);
  const instances = { peers: links.peers, leases: new Leases({ store: links.leases, clock }), schedulerLock: links.schedulerLock };
  // ──
  const residents = new PrismaResidentStore(db.prisma);
  const units = new PrismaUnitStore(db.prisma);
  const roles = new PrismaRoleStore(db.prisma);
  const audit = new AuditLog({ store: new PrismaAuditStore(db.prisma), clock });
  const roleService = new RoleService({ roles, configuredAdmins: opts.configuredAdmins, onChange: (userId, now) => languages.staffChanged(userId, now), audit });
  const languages = new LanguageService({ store: new PrismaStaffLanguageStore(db.prisma), roles: roleService, clock, peers: instances.peers });
  const statements = createStatementServices(db, { clock, residents, audit, telemetry, instances, ...(opts.analysisThread && opts.databaseUrl ? { analysisThreadUrl: opts.databaseUrl } : {}) });
  const consultations = createConsultationServices(db, {
    clock,
    instances,
    configuredAdmins: opts.configuredAdmins,
    telemetry,
    audit,
    ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
    ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
  });
  return {
    clock,
    telemetry,
    updates: new UpdateLedger({
      store: new PrismaProcessedUpdateStore(db.prisma, opts.databaseUrl ? () => openUpdateClaims(db.provider, opts.databaseUrl!) : null),
      clock,
    }),
    stores: { residents, units, roles },
    registration: new RegistrationService({ residents, units, clock }),
    verification: new VerificationService({ residents, clock, audit }),
    roster: new RosterService({ units, audit }),
    roles: roleService,
    privacy: new PrivacyService({ residents, roles }),
    languages,
    statements,
    consultations,
    reports: createReportServices(db, {
      clock,
      roles: roleService,
      consultations,
      statements,
      audit,
      ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
      ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
    }),
    answers: createAnswerService(db, { clock, roles: roleService, consultations, audit, ...(opts.timeZone ? { timeZone: opts.timeZone } : {}) }),
    audit,
    departments: new DepartmentService({ store: new PrismaDepartmentStore(db.prisma), clock, audit }),
    isStorageOutage: isDatabaseUnavailable,
    peers: instances.peers,
  };
}
