// The departments follow-up actions are assigned to, kept by admins (the CLI
// for now; the bot lists them). Every change is audited.
import { checkDepartmentNames, type Department, type DepartmentNameProblem } from "../../domain/actions/department.js";
import { actorId, auditRole, authorize, type Actor } from "../../domain/permissions.js";
import type { AuditSink } from "../audit/log.js";
import type { Clock } from "../ports.js";

export interface DepartmentStore {
  active(): Promise<Department[]>;
  add(zh: string, en: string, at: Date): Promise<Department>;
  /** null when no active department has that id. */
  rename(id: number, zh: string, en: string): Promise<Department | null>;
  remove(id: number, at: Date): Promise<Department | null>;
}

export type DepartmentOutcome = { kind: "ok"; department: Department } | { kind: "invalid"; problem: DepartmentNameProblem } | { kind: "unknown"; id: number };

export class DepartmentService {
  constructor(private readonly deps: { store: DepartmentStore; clock: Clock; audit?: AuditSink }) {}

  async list(actor: Actor): Promise<Department[]> {
    authorize(actor, "department.list");
    return this.deps.store.active();
  }

  /** `actor`: an admin, or the operator at the command line. */
  async add(actor: Actor, zh: string | undefined, en: string | undefined): Promise<DepartmentOutcome> {
    authorize(actor, "department.change");
    const names = checkDepartmentNames(zh, en);
    if (!names.ok) return { kind: "invalid", problem: names.problem };
    const department = await this.deps.store.add(names.zh, names.en, this.deps.clock.now());
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "department.change"), action: "department.add", target: `department:${department.id}`, input: names });
    return { kind: "ok", department };
  }

  async rename(actor: Actor, id: number, zh: string | undefined, en: string | undefined): Promise<DepartmentOutcome> {
    authorize(actor, "department.change");
    const names = checkDepartmentNames(zh, en);
    if (!names.ok) return { kind: "invalid", problem: names.problem };
    const department = await this.deps.store.rename(id, names.zh, names.en);
    if (!department) return { kind: "unknown", id };
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "department.change"), action: "department.rename", target: `department:${id}`, input: names });
    return { kind: "ok", department };
  }

  async remove(actor: Actor, id: number): Promise<DepartmentOutcome> {
    authorize(actor, "department.change");
    const department = await this.deps.store.remove(id, this.deps.clock.now());
    if (!department) return { kind: "unknown", id };
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "department.change"), action: "department.remove", target: `department:${id}` });
    return { kind: "ok", department };
  }
}
