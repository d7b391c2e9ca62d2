// The government's answers, wired to one database.
import type { Database } from "../../db/client.js";
import { PrismaAnswerStore } from "../../db/repositories/answers.js";
import { translator as sharedTranslator, type Translator } from "../../i18n.js";
import type { Clock } from "../ports.js";
import type { RoleService } from "../roles.js";
import type { ConsultationServices } from "../consultations/index.js";
import { PrismaReportStore } from "../../db/repositories/reports.js";
import { AnswerService } from "./service.js";
import type { AuditSink } from "../audit/log.js";

export function createAnswerService(db: Database, deps: { clock: Clock; roles: RoleService; consultations: ConsultationServices; audit?: AuditSink; translator?: Translator; timeZone?: string }): AnswerService {
  const cs = deps.consultations;
  return new AnswerService({
    answers: new PrismaAnswerStore(db.prisma),
    reports: new PrismaReportStore(db.prisma),
    consultations: cs.stores.consultations,
    audience: cs.stores.audience,
    outbox: cs.stores.outbox,
    roles: deps.roles,
    translator: deps.translator ?? sharedTranslator(),
    timeZone: deps.timeZone ?? cs.timeZone,
    clock: deps.clock,
    queued: cs.signals.outboxQueued,
    ...(deps.audit ? { audit: deps.audit } : {}),
  });
}

export { AnswerService } from "./service.js";
export type { RespondOutcome, RelayOutcome, TranslateOutcome, SendBackOutcome, AnswerRefusal } from "./service.js";
