// Hostile input: 5,000 random and mutated updates through the real bot (seeded, so
// a failure reproduces), from strangers, pending and verified residents, an
// official, a committee member and an admin. No handler may fail, every button
// press is answered, and no reply shows a stack, "undefined", "NaN" or "[object Object]".
import nock from "nock";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { API_ROOT, createHarness, type Harness } from "../support/harness.js";
import { PARK_ROSTER, committeeMember, seedResident, specWith } from "../support/park.js";
import { nextUpdateId, updates } from "../support/telegram.js";
import { OPERATOR, asAdmin, asCommittee } from "../support/actors.js";

const UPDATES = 5_000;
const errors: string[] = [];
let h: Harness;

/** mulberry32: small, seeded, good enough to pick things. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}

const ACTIONS = ["consent", "lang", "setlang", "bld", "rel", "area", "forget", "reg", "op", "stx", "rate", "rn", "sv", "sl", "stance", "mod", "mrj", "mtq", "th", "vo", "vp", "vm", "vr", "vs", "nw", "an", "cl", "pb"];
const WORDS = ["yes", "no", "zh", "en", "owner", "tenant", "ok", "tr", "skip", "back", "a", "d", "p", "c", "m3", "r21", "audience", "done", "-", "typed", "offensive", "0", "1", "2", "3", "7", "99", "999999999", "1234567890123", "zz", ""];
/** Data shaped like real buttons, with small ids that often exist (consultation 1, its polls and statements, resident 203). */
const SHAPED = [
  (n: () => number) => `vo:${n()}`,
  (n: () => number) => `vp:${n()}:0:${n() % 5}`,
  (n: () => number) => `vm:${n()}:0:${n() % 8}:${n() % 5}`,
  (n: () => number) => `vr:${n()}:0:${["-", "1-", "21", "a"][n() % 4]}:${n() % 4}`,
  (n: () => number) => `vs:${n()}:0:${["m3", "r12", "r-", "m0"][n() % 4]}`,
  (n: () => number) => `reg:${n() % 2 ? "verify" : "reject"}:203:${n() % 3}`,
  (n: () => number) => `consent:${n() % 2 ? "yes" : "no"}:-`,
  (n: () => number) => `lang:${n() % 2 ? "zh" : "en"}:${n() % 4}`,
  (n: () => number) => `rel:${n() % 4}:${["owner", "tenant", "operator", "other"][n() % 4]}`,
  (n: () => number) => `forget:${n() % 2 ? "yes" : "no"}:${n() % 4}`,
  (n: () => number) => `sv:${n()}:${["a", "d", "p"][n() % 3]}:${n() % 9}`,
  (n: () => number) => `mod:${["ok", "no", "tr", "skip", "back"][n() % 5]}:${n()}`,
  (n: () => number) => `cl:${n()}:${n() % 2 ? "yes" : "no"}`,
  (n: () => number) => `pb:${n()}:${n() % 2 ? "yes" : "no"}`,
  (n: () => number) => `an:${n() % 3}:${["audience", "all", "done", "zh", "en", "both", "send"][n() % 7]}`,
  (n: () => number) => `nw:${n() % 3}:${["kind-single", "done", "skip", "zh", "create"][n() % 5]}`,
  (n: () => number) => `rate:${n()}`,
  (n: () => number) => `stance:${n()}`,
  (n: () => number) => `op:${n()}`,
  () => "stx",
];
const COMMANDS = ["/start", "/help", "/me", "/lang", "/forget", "/vote", "/mute", "/unmute", "/opinion", "/rate", "/mystance", "/pending", "/codes", "/new", "/consultations", "/close", "/publish", "/announce", "/moderate", "/themes", "/grant", "/revoke", "/cancel", "/unknown", "/start@frontstage_test_bot"];
const ODD = ["😀", "👨‍👩‍👧", "\u202e", "\u200b", "\u200d", "\u0000", "مرحبا", "שלום", "中文", "<b>", "&amp;", "</i>", "\n", "  ", "ｆｕｌｌ", "{}", "%s", "${x}", "\\", "'", '"', "1号楼", "101"];

function junk(r: ReturnType<typeof seeded>, max: number): string {
  const n = r.int(max);
  let s = "";
  for (let i = 0; i < n; i++) {
    const k = r.int(4);
    s += k === 0 ? r.pick(ODD) : k === 1 ? r.pick(WORDS) : k === 2 ? String.fromCharCode(32 + r.int(95)) : " ";
  }
  return s;
}

beforeAll(async () => {
  h = await createHarness({ adminIds: [900n], logger: createLogger("error", { write: (line) => errors.push(line) }) });
  await h.services.roster.import(Buffer.from(PARK_ROSTER), OPERATOR);
  await seedResident(h, { id: 201, lang: "en", building: "1号楼", unit: "101" });
  await seedResident(h, { id: 202, lang: "zh", building: "1号楼", unit: "102", relation: "tenant" });
  await seedResident(h, { id: 203, lang: "en", building: "2号楼", unit: "201", status: "pending" });
  await committeeMember(h, 600, "en");
  await h.services.roles.grant(700n, "official", asAdmin(900n));
  const parsed = await h.services.consultations.lifecycle.parse(Buffer.from(specWith((s) => (s.closesAt = "2026-11-29T20:00:00+08:00"))));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  if (!(await h.services.consultations.lifecycle.create(parsed.value, asCommittee(600n))).ok) throw new Error("not created");
  // Any file the bot downloads: random bytes, random text, or something shaped like a roster or a spec.
  const files = seeded(7);
  const bodies = [
    () => Buffer.from(Array.from({ length: 1 + files.int(3000) }, () => files.int(256))),
    () => junk(files, 200),
    () => `building,unit,area_m2\n${junk(files, 5)},${junk(files, 3)},${files.pick(["12", "-1", "1e9", "", "abc"])}\n`,
    () => specWith((s) => (s[files.pick(["title", "polls", "closesAt", "audience"])] = files.pick([null, 7, "x", [], {}]))),
  ];
  nock(API_ROOT)
    .persist()
    .get(/\/file\/bot.*/)
    .reply(200, () => files.pick(bodies)());
});
afterAll(async () => {
  nock.cleanAll();
  await h.close();
});

describe("fuzz", () => {
  it(`survives ${UPDATES} random and mutated updates`, async () => {
    const r = seeded(20261202);
    const people = [201, 202, 203, 600, 700, 900, 5_001, 5_002, 6_000_000_001];
    const langs = ["en", "zh-hans", "de", undefined];
    const pressed: string[] = [];
    for (let i = 0; i < UPDATES; i++) {
      const from = { id: r.pick(people), language_code: r.pick(langs) } as { id: number; language_code?: string };
      const kind = r.int(14);
      let u: Update;
      if (kind < 4) {
        // A press: a real prefix with random fields, often the data of a real button shape, sometimes over 64 bytes.
        const small = () => 1 + r.int(r.next() < 0.8 ? 6 : 200_000);
        const data = r.next() < 0.4 ? r.pick(SHAPED)(small) : r.next() < 0.1 ? junk(r, 80) : [r.pick(ACTIONS), ...Array.from({ length: r.int(5) }, () => (r.next() < 0.7 ? r.pick(WORDS) : junk(r, 4)))].join(":");
        u = updates.press(from, data, { chatId: from.id, messageId: 1 + r.int(2000) });
        pressed.push(u.callback_query!.id);
      } else if (kind < 8) {
        u = updates.text(from, `${r.pick(COMMANDS)}${r.next() < 0.6 ? " " + junk(r, 12) : ""}`);
      } else if (kind === 8) {
        u = updates.text(from, r.next() < 0.3 ? "x".repeat(4000 + r.int(2000)) : junk(r, 40));
      } else if (kind === 9) {
        u = updates.text(from, junk(r, 20), { id: -100_000 - r.int(3), type: r.next() < 0.5 ? "group" : "supergroup", title: "Park" });
      } else if (kind === 10) {
        u = r.next() < 0.5 ? updates.photo(from) : updates.sticker(from);
      } else if (kind === 11) {
        u = updates.document(from, r.pick(["units.csv", "spec.json", "x.CSV", "noext", "a.json.exe"]), `f${r.int(50)}`, r.pick([10, 2_000, 30_000_000]), r.pick(["text/csv", "application/json", "application/octet-stream"]));
      } else if (kind === 12) {
        const m = updates.text(from, junk(r, 30));
        u = { update_id: nextUpdateId(), edited_message: { ...m.message!, edit_date: 1 } } as Update;
      } else {
        u = { update_id: nextUpdateId(), channel_post: { message_id: 1 + r.int(100), date: 1, chat: { id: -100_900, type: "channel", title: "News" }, text: junk(r, 20) } } as Update;
      }
      await h.handle(u);
      // Now and then the clock moves, so that inputs lapse and the consultation closes midway.
      if (r.next() < 0.002) h.clock.advance(3 * 3600_000);
    }

    expect(errors.map((l) => JSON.parse(l).msg + " " + JSON.stringify(JSON.parse(l).error?.message ?? ""))).toEqual([]);
    const answered = new Set(h.tg.callsOf("answerCallbackQuery").map((c) => c.payload.callback_query_id));
    expect(pressed.filter((id) => !answered.has(id))).toEqual([]);
    const shown = h.tg.calls
      .filter((c) => ["sendMessage", "editMessageText", "answerCallbackQuery", "sendDocument"].includes(c.method))
      .map((c) => String(c.payload.text ?? c.payload.caption ?? ""));
    expect(shown.length).toBeGreaterThan(UPDATES / 2);
    for (const text of shown) {
      expect(text).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]|\n\s+at .+:\d+:\d+/);
      expect(text.length).toBeLessThanOrEqual(4096);
    }
  }, 600_000);
});
