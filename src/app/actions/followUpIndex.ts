// Follow-up actions and the officials' digest, on the stores the composition root (src/wiring/) built for them.
import type { ReportStore } from "../reports/ports.js";
import type { FollowUpStore } from "./followUpPorts.js";
import type { AudienceStore, ConsultationStore, OutboxStore } from "../consultations/ports.js";
import { translator as sharedTranslator, type Translator } from "../../i18n.js";
import type { AuditSink } from "../audit/log.js";
import type { ConsultationServices } from "../consultations/index.js";
import type { Clock } from "../ports.js";
import type { RoleService } from "../roles.js";
import { DigestService } from "./digest.js";
import { FollowUpService } from "./followUps.js";

export interface FollowUpServices {
  actions: FollowUpService;
  /** The scheduler job of the daily digest (src/main.ts hands it to the scheduler). */
  digest: DigestService;
}

export function createFollowUpServices(stores: { followUps: FollowUpStore; reports: ReportStore; consultations: ConsultationStore; audience: AudienceStore; outbox: OutboxStore }, deps: { clock: Clock; roles: RoleService; consultations: ConsultationServices; audit?: AuditSink; translator?: Translator; timeZone?: string }): FollowUpServices {
  const cs = deps.consultations;
  const store = stores.followUps;
  const translator = deps.translator ?? sharedTranslator();
  const timeZone = deps.timeZone ?? cs.timeZone;
  return {
    actions: new FollowUpService({
      store,
      consultations: stores.consultations,
      reports: stores.reports,
      outbox: stores.outbox,
      translator,
      timeZone,
      clock: deps.clock,
      queued: cs.signals.outboxQueued,
      ...(deps.audit ? { audit: deps.audit } : {}),
    }),
    digest: new DigestService({ store, roles: deps.roles, audience: stores.audience, outbox: stores.outbox, translator, timeZone, clock: deps.clock, queued: cs.signals.outboxQueued }),
  };
}
