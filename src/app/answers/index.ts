// The government's answers, wired to the stores the composition root (src/wiring/) built.
import { translator as sharedTranslator, type Translator } from "../../i18n.js";
import type { Clock } from "../ports.js";
import type { RoleService } from "../roles.js";
import type { ConsultationServices } from "../consultations/index.js";
import { AnswerService } from "./service.js";
import type { ReportStore } from "../reports/ports.js";
import type { AnswerStore } from "./ports.js";
import type { AudienceStore, ConsultationStore, OutboxStore } from "../consultations/ports.js";
import type { AuditSink } from "../audit/log.js";

export function createAnswerService(stores: { answers: AnswerStore; reports: ReportStore; consultations: ConsultationStore; audience: AudienceStore; outbox: OutboxStore }, deps: { clock: Clock; roles: RoleService; consultations: ConsultationServices; audit?: AuditSink; translator?: Translator; timeZone?: string }): AnswerService {
  const cs = deps.consultations;
  return new AnswerService({
    answers: stores.answers,
    reports: stores.reports,
    consultations: stores.consultations,
    audience: stores.audience,
    outbox: stores.outbox,
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
