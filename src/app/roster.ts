import { randomInt } from "node:crypto";
import { generateInviteCode } from "../domain/residents/inviteCode.js";
import { parseRoster, type RosterProblem } from "../domain/residents/roster.js";
import { formatArea } from "../domain/residents/area.js";
import { formatCsv } from "../domain/text/csv.js";
import type { UnitStore } from "./ports.js";

export type RosterImport = { ok: true; created: number; updated: number; total: number } | { ok: false; problems: RosterProblem[] };

/** Roster import and invite-code export, shared by the bot and the CLI. */
export class RosterService {
  constructor(private readonly deps: { units: UnitStore; randomInt?: (n: number) => number }) {}

  async import(bytes: Uint8Array): Promise<RosterImport> {
    const parsed = parseRoster(bytes);
    if (!parsed.ok) return parsed;
    const rnd = this.deps.randomInt ?? ((n: number) => randomInt(n));
    return { ok: true, ...(await this.deps.units.importRoster(parsed.units, () => generateInviteCode(rnd))) };
  }

  /** The codes as CSV (UTF-8 with BOM, so spreadsheet programs show Chinese correctly). */
  async codesCsv(): Promise<{ count: number; csv: string }> {
    const units = await this.deps.units.list();
    const rows = units.map((u) => [u.building, u.number, u.areaCenti === null ? "" : formatArea(u.areaCenti), u.inviteCode, u.codeClaimed ? "yes" : "no"]);
    return { count: units.length, csv: "\uFEFF" + formatCsv([["building", "unit", "area_m2", "invite_code", "used"], ...rows]) };
  }
}
