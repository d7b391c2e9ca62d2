import { randomInt } from "node:crypto";
import { generateInviteCode } from "../domain/residents/inviteCode.js";
import { parseRoster, type RosterProblem } from "../domain/residents/roster.js";
import { formatArea } from "../domain/residents/area.js";
import { formatCsv } from "../domain/text/csv.js";
import { actorId, auditRole, authorize, type Actor } from "../domain/permissions.js";
import type { RosterEntry } from "../domain/residents/resident.js";
import type { UnitStore } from "./ports.js";
import type { AuditSink } from "./audit/log.js";

export type RosterImport = { ok: true; created: number; updated: number; total: number } | { ok: false; problems: RosterProblem[] };

/** Roster import and invite-code export, shared by the bot and the CLI. */
export class RosterService {
  constructor(private readonly deps: { units: UnitStore; randomInt?: (n: number) => number; audit?: AuditSink }) {}

  /** `actor`: the committee member who sent the file, or the operator at the command line. */
  async import(bytes: Uint8Array, actor: Actor): Promise<RosterImport> {
    authorize(actor, "roster.import");
    const parsed = parseRoster(bytes);
    if (!parsed.ok) return parsed;
    const rnd = this.deps.randomInt ?? ((n: number) => randomInt(n));
    const imported = await this.deps.units.importRoster(parsed.units, () => generateInviteCode(rnd));
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "roster.import"), action: "roster.import", target: "roster", input: bytes });
    return { ok: true, ...imported };
  }

  /** Every roster unit with its invite code and whether it was claimed (what the codes CSV lists). */
  async units(actor: Actor): Promise<RosterEntry[]> {
    authorize(actor, "roster.codes");
    return this.deps.units.list();
  }

  /** The codes as CSV (UTF-8 with BOM, so spreadsheet programs show Chinese correctly). */
  async codesCsv(actor: Actor): Promise<{ count: number; csv: string }> {
    authorize(actor, "roster.codes");
    const units = await this.deps.units.list();
    const rows = units.map((u) => [u.building, u.number, u.areaCenti === null ? "" : formatArea(u.areaCenti), u.inviteCode, u.codeClaimed ? "yes" : "no"]);
    return { count: units.length, csv: "\uFEFF" + formatCsv([["building", "unit", "area_m2", "invite_code", "used"], ...rows]) };
  }
}
