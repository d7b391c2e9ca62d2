// Follow-up actions and the officials' digest, wired to one database.
import type { Database } from "../../db/client.js";
import { PrismaFollowUpStore } from "../../db/repositories/followUps.js";
import { PrismaReportStore } from "../../db/repositories/reports.js";
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

export function createFollowUpServices(db: Database, deps: { clock: Clock; roles: RoleService; consultations: ConsultationServices; audit?: AuditSink; translator?: Translator; timeZone?: string }): FollowUpServices {
  const cs = deps.consultations;
  const store = new PrismaFollowUpStore(db.prisma);
  const translator = deps.translator ?? sharedTranslator();
  const timeZone = deps.timeZone ?? cs.timeZone;
  return {
    actions: new FollowUpService({
      store,
      consultations: cs.stores.consultations,
      reports: new PrismaReportStore(db.prisma),
      outbox: cs.stores.outbox,
      roles: deps.roles,
      translator,
      timeZone,
      clock: deps.clock,
      queued: cs.signals.outboxQueued,
      ...(deps.audit ? { audit: deps.audit } : {}),
    }),
    digest: new DigestService({ store, roles: deps.roles, audience: cs.stores.audience, outbox: cs.stores.outbox, translator, timeZone, clock: deps.clock, queued: cs.signals.outboxQueued }),
  };
}
