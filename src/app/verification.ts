import { decide } from "../domain/residents/registration.js";
import type { Resident } from "../domain/residents/resident.js";
import { actorId, auditRole, authorize, type Actor } from "../domain/permissions.js";
import type { Clock, ResidentStore } from "./ports.js";
import type { AuditSink } from "./audit/log.js";

export type Decision = { kind: "decided"; resident: Resident; verified: boolean } | { kind: "gone" };

/** A committee member verifies or rejects a pending registration. */
export class VerificationService {
  constructor(private readonly deps: { residents: ResidentStore; clock: Clock; audit?: AuditSink }) {}

  async pending(actor: Actor, limit = 20) {
    authorize(actor, "resident.pending");
    return this.deps.residents.listPending(limit);
  }

  /** `revision` is the one shown to the committee member: if the registration changed since, nothing happens. */
  async decide(actor: Actor, residentId: bigint, revision: number, verify: boolean): Promise<Decision> {
    authorize(actor, "resident.verify");
    const committeeId = actorId(actor) ?? 0n;
    const r = await this.deps.residents.find(residentId);
    if (!r || r.revision !== revision) return { kind: "gone" };
    const patch = decide(r, verify, committeeId, this.deps.clock.now());
    if (!patch || !(await this.deps.residents.update(residentId, revision, patch))) return { kind: "gone" };
    await this.deps.audit?.record({ actor: committeeId, role: auditRole(actor, "resident.verify"), action: verify ? "resident.verify" : "resident.reject", target: `user:${residentId}`, input: { revision, verify } });
    const after = await this.deps.residents.find(residentId);
    return after ? { kind: "decided", resident: after, verified: verify } : { kind: "gone" };
  }
}
