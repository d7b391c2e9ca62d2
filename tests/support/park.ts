// A business park for consultation tests: buildings 1–3 of quasi-residential
// units, residents placed straight into the database (registration has its
// own tests), committee members, and the example spec.
import { readFileSync } from "node:fs";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import type { Services } from "../../src/app/services.js";
import { API_ROOT, createHarness, type Harness, type HarnessOptions, type Person } from "./harness.js";
import { TEST_TOKEN } from "./telegram.js";
import { OPERATOR, asAdmin, asCommittee } from "./actors.js";

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

/** A small roster of three units (3号楼 1201, 1202 and A 101), the registration tests' park. */
export const UNITS_ROSTER = readFileSync(new URL("../fixtures/units.csv", import.meta.url));

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

/** When the harness's clock starts, and where each test puts it back. */
export const PARK_START = "2026-11-27T02:00:00Z";
/** When the park's consultations close unless a test says otherwise: two days after the start. */
export const PARK_CLOSES_AT = "2026-11-29T20:00:00+08:00";

export interface UseHarnessOptions extends HarnessOptions {
  /** A roster imported before each test (the park's by default; false: none). */
  roster?: string | Buffer | false;
  /** No network but the local one, and every nock mock used by the end of each test. */
  nock?: boolean;
  /** Put the clock back to PARK_START before each test (default true). */
  resetClock?: boolean;
}

/**
 * The harness of a test file, created once for the file and emptied before
 * each test: database rows, what Telegram saw, the consultation cache, the
 * clock, then the roster imported again. The object returned stands for the
 * harness (it forwards to the one beforeAll created), so tests write `h.db`,
 * `h.person(...)` as before.
 */
export function useHarness(o: UseHarnessOptions = {}): Harness {
  const { roster = PARK_ROSTER, nock: offline = false, resetClock = true, ...harnessOptions } = o;
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await createHarness(harnessOptions);
    if (offline) {
      nock.disableNetConnect();
      nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    }
  });
  afterAll(async () => {
    if (offline) {
      nock.cleanAll();
      nock.enableNetConnect();
    }
    await current?.close();
  });
  beforeEach(async () => {
    const h = current!;
    await h.reset();
    // What a previous test read stays in memory otherwise, though its rows are gone.
    h.services.consultations.cache.clear();
    if (resetClock) h.clock.current = new Date(PARK_START);
    if (roster !== false) {
      const imported = await h.services.roster.import(Buffer.from(roster), OPERATOR);
      if (!imported.ok) throw new Error(`the test roster was refused: ${JSON.stringify(imported)}`);
    }
  });
  if (offline) afterEach(() => expect(nock.pendingMocks()).toEqual([]));
  const harness = () => {
    if (!current) throw new Error("the harness exists from beforeAll on");
    return current;
  };
  return new Proxy({} as Harness, {
    get: (_, key) => Reflect.get(harness(), key),
    set: (_, key, value) => Reflect.set(harness(), key, value),
  });
}

/**
 * The example consultation created through the use case the bot and the CLI
 * share, open now and closing at PARK_CLOSES_AT unless `change` says otherwise.
 */
/** `by` acts as a committee member (the use case checks who acts). */
export async function createExample(services: Services, by: bigint, change: (spec: any) => void = () => {}) {
  const { lifecycle } = services.consultations;
  const parsed = await lifecycle.parse(Buffer.from(specWith((s) => {
    s.closesAt = PARK_CLOSES_AT;
    change(s);
  })));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const created = await lifecycle.create(parsed.value, asCommittee(by));
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  return created.value;
}

/** A spec sent to the bot as a JSON file (previewed, not opened yet). */
export async function sendSpec(c: Person, body: Buffer | string = EXAMPLE_SPEC, fileId = "spec") {
  serveFile(fileId, body);
  await c.document("consultation.json", fileId, Buffer.byteLength(body), "application/json");
}

/** Opens consultation `consultation`'s ballot and presses `option` in the question whose text matches `question`. */
export async function vote(h: Harness, p: Person, question: RegExp, option: string, consultation = 1) {
  await p.pressData(`vo:${consultation}`);
  const m = h.tg.chat(p.id).filter((x) => question.test(x.text)).at(-1)!;
  const b = m.buttons.find((x) => x.text === option)!;
  await p.pressData(b.callback_data!, m);
}
