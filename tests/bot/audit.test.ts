// The audit log: every staff action appended with a hash chain; /audit for
// admins; `frontstage audit verify` passes, then names the row edited by hand;
// a staff member's /forget keeps their staff rows.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { auditHash, GENESIS, inputDigest } from "../../src/domain/audit/chain.js";
import { useHarness } from "../support/park.js";
import { cliRunner } from "../support/cli.js";
import { buildReportPark, COMMITTEE_ID, OFFICIAL_EN_ID, type ReportPark } from "../support/reportPark.js";
import { asCommittee, asOfficial } from "../support/actors.js";

const h = useHarness({ adminIds: [900n], roster: false });
let park: ReportPark;
beforeEach(async () => {
  park = await buildReportPark(h, { residents: 12 });
});

const cli = cliRunner(() => h.database.url, { env: { TIME_ZONE: "Asia/Shanghai", ADMIN_IDS: "" } });
const dir = cli.dir;

const actions = async () => (await h.db.auditEntry.findMany({ orderBy: { id: "asc" } })).map((r) => r.action);

describe("the audit log", () => {
  it("appends staff actions as a chain; verify passes, then names the row edited by hand", { timeout: 120_000 }, async () => {
    // The park: roster by the operator, three grants by the operator, a consultation created and closed by the committee.
    expect(await actions()).toEqual(["roster.import", "role.grant", "role.grant", "role.grant", "consultation.create-open", "consultation.close"]);
    await park.committee.send("/submit 1");
    await h.services.reports.jobs.idle();
    await park.committee.press(/^Submit version \d+ to the officials$/);
    await h.services.reports.jobs.idle();
    const official = h.person({ id: OFFICIAL_EN_ID, language_code: "en", first_name: "OfficialSmith" });
    await official.send("/report 1");
    const respond = await h.services.answers.respond(asOfficial(BigInt(OFFICIAL_EN_ID)), { consultationId: 1, version: 1, text: { en: "Done." }, file: null });
    expect(respond.kind).toBe("sent");
    await h.services.answers.relay(asCommittee(BigInt(COMMITTEE_ID)), respond.kind === "sent" ? respond.answer.id : 0, "participants");
    expect((await actions()).slice(6)).toEqual(["report.submit", "report.open", "answer.respond", "answer.relay"]);

    const rows = await h.db.auditEntry.findMany({ orderBy: { id: "asc" } });
    // Each row: actor, role, target, the digest of its input; linked to the one before.
    expect(rows.find((r) => r.action === "report.submit")).toMatchObject({ actor: BigInt(COMMITTEE_ID), role: "committee", target: "report:1:v1" });
    expect(rows.find((r) => r.action === "report.open")).toMatchObject({ actor: BigInt(OFFICIAL_EN_ID), role: "official", target: "report:1:v1" });
    expect(rows.find((r) => r.action === "answer.respond")!.inputSha256).toBe(inputDigest({ text: { en: "Done." }, file: null }));
    expect(rows[0]!.prevHash).toBe(GENESIS);
    rows.forEach((r, i) => {
      if (i > 0) expect(r.prevHash).toBe(rows[i - 1]!.hash);
      expect(r.hash).toBe(auditHash(r.prevHash, r));
    });

    // /audit: admins only, a bounded number, newest first.
    await park.committee.send("/audit");
    expect(park.committee.last().plain).toContain("Only admins may use /audit");
    const admin = h.person({ id: 900, language_code: "en", first_name: "Admin" });
    await admin.send("/audit 0");
    expect(admin.last().plain).toContain("Send /audit, or /audit <number> for the newest 1–25 rows.");
    await admin.send("/audit abc");
    expect(admin.last().plain).toContain("Send /audit, or /audit <number>");
    await admin.send("/audit 3");
    const shown = admin.last().plain;
    expect(shown).toContain("Audit log: the newest 3 row(s)");
    expect(shown.indexOf("answer.relay")).toBeLessThan(shown.indexOf("answer.respond"));
    expect(shown).toContain(rows.at(-1)!.hash.slice(0, 12));
    expect(shown).not.toContain("report.submit");

    const ok = await cli(["audit", "verify"]);
    expect(ok).toMatchObject({ code: 0, err: "" });
    expect(ok.out).toContain(`Audit log intact: ${rows.length} row(s) checked`);

    // Exports.
    const csv = await cli(["audit", "--since", "2026-11-27", "--format", "csv", "--out", "a.csv"]);
    expect(csv.out).toContain(`Wrote ${rows.length} audit row(s) to a.csv.`);
    const lines = readFileSync(join(dir, "a.csv"), "utf8").trim().split("\n");
    expect(lines[0]).toBe("id,at,actor,role,action,target,inputSha256,prevHash,hash");
    expect(lines).toHaveLength(rows.length + 1);
    const json = await cli(["audit", "--since", "2026-11-27T02:00:00Z", "--format", "json"]);
    expect(JSON.parse(json.out).map((r: { hash: string }) => r.hash)).toEqual(rows.map((r) => r.hash));
    expect((await cli(["audit", "--since", "yesterday", "--format", "csv"])).err).toContain("Not a date: yesterday");
    expect((await cli(["audit", "--since", "2026-11-27", "--format", "xml"])).code).toBe(2);
    expect(JSON.parse((await cli(["audit", "--since", "2026-12-01", "--format", "json"])).out)).toEqual([]);

    // Edited behind the program's back: verify names that row.
    const victim = rows[7]!;
    await h.db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "target" = 'report:1:v9' WHERE "id" = ${victim.id}`);
    const broken = await cli(["audit", "verify"]);
    expect(broken.code).toBe(2);
    expect(broken.err).toContain(`Audit log broken at row #${victim.id}: its content no longer matches its hash`);
    expect(broken.err).toContain("7 row(s) before it are intact");
    // Its hash recomputed too: the next row no longer follows it.
    await h.db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "hash" = '${"f".repeat(64)}' WHERE "id" = ${victim.id}`);
    const relinked = await cli(["audit", "verify"]);
    expect(relinked.err).toMatch(new RegExp(`broken at row #(${victim.id}|${victim.id + 1})`));
  });

  it("/forget by a staff member who is also a resident deletes the resident data and keeps the staff rows; /me says so", { timeout: 60_000 }, async () => {
    const before = await h.db.auditEntry.findMany({ where: { actor: BigInt(COMMITTEE_ID) } });
    expect(before.length).toBeGreaterThan(0);
    await park.committee.send("/me");
    expect(park.committee.last().plain).toContain("/forget deletes your resident data, but your staff actions stay in the log");
    await park.committee.send("/forget");
    await park.committee.press("🗑 Delete my data");
    expect(await h.db.user.findUnique({ where: { id: BigInt(COMMITTEE_ID) } })).toBeNull();
    expect(await h.db.auditEntry.findMany({ where: { actor: BigInt(COMMITTEE_ID) } })).toEqual(before);
    expect((await cli(["audit", "verify"])).code).toBe(0);
    // A resident's /me says nothing of an audit log.
    await park.residents[0]!.send("/me");
    expect(park.residents[0]!.last().plain).not.toContain("audit");
  });
});
