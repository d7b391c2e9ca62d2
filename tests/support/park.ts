// A business park for consultation tests: buildings 1–3 of quasi-residential
// units, residents placed straight into the database (registration has its
// own tests), committee members, and the example spec.
import { readFileSync } from "node:fs";
import nock from "nock";
import type { Harness, Person } from "./harness.js";
import { API_ROOT } from "./harness.js";
import { TEST_TOKEN } from "./telegram.js";
import { asAdmin } from "./actors.js";

export const PARK_ROSTER = [
  "building,unit,area_m2",
  "1号楼,101,85.5",
  "1号楼,102,92",
  "1号楼,103,60",
  "2号楼,201,120",
  "2号楼,202,60.25",
  "3号楼,301,75",
  "3号楼,302,100",
  "3号楼,303,45.5",
  "9号楼,901,50",
].join("\n");

export const EXAMPLE_SPEC = readFileSync(new URL("../../examples/consultation.json", import.meta.url));

export interface SeedResident {
  id: number;
  lang?: "zh" | "en";
  building: string;
  unit: string;
  relation?: "owner" | "tenant" | "operator" | "other";
  /** The owner's own stated area (centi), when the roster has none. */
  areaCenti?: number | null;
  status?: "verified" | "pending";
}

/** A verified (by default) resident placed in a unit of the roster. */
export async function seedResident(h: Harness, r: SeedResident): Promise<Person> {
  const unit = await h.db.unit.findUniqueOrThrow({ where: { building_number: { building: r.building, number: r.unit } } });
  const now = h.clock.now();
  await h.db.user.create({
    data: {
      id: BigInt(r.id),
      language: r.lang ?? "zh",
      consentAt: now,
      status: r.status ?? "verified",
      step: null,
      unitId: unit.id,
      relation: r.relation ?? "owner",
      areaCenti: r.areaCenti ?? null,
      verifiedAt: r.status === "pending" ? null : now,
    },
  });
  return h.person({ id: r.id, language_code: r.lang ?? "zh" });
}

export async function committeeMember(h: Harness, id: number, lang: "zh" | "en"): Promise<Person> {
  await h.services.roles.grant(BigInt(id), "committee", asAdmin(900n));
  return h.person({ id, language_code: lang });
}

/** Serves a file the bot downloads (the fake getFile answers documents/<id>.csv whatever the name). */
export function serveFile(fileId: string, body: Buffer | string) {
  return nock(API_ROOT).get(`/file/bot${TEST_TOKEN}/documents/${fileId}.csv`).reply(200, body);
}

/** The example spec with changes, as a file body. */
export function specWith(change: (spec: any) => void): string {
  const spec = JSON.parse(EXAMPLE_SPEC.toString("utf8"));
  change(spec);
  return JSON.stringify(spec);
}

/** A sleep for the outbox worker that moves the test clock instead of waiting, and records each wait. */
export function virtualSleep(h: Harness) {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
      h.clock.advance(ms);
    },
  };
}
