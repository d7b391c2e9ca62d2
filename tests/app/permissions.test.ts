// Every staff use case, called directly (no bot in front), refuses a resident
// with NotAllowed and changes nothing; the roles the action table names pass.
// Keyed by the action table: a new action without a call here fails the type check and the test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, NotAllowed, PERMISSIONS, type Action, type Actor } from "../../src/domain/permissions.js";
import { createHarness, type Harness } from "../support/harness.js";
import { actorWith, asResident } from "../support/actors.js";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Call = (a: Actor) => Promise<unknown>;
const ROSTER = Buffer.from("building,unit,area_m2\n3号楼,301,80\n");
const calls = (): Record<Action, Call[]> => {
  const s = h.services;
  const c = s.consultations;
  return {
    "role.grant": [(a) => s.roles.grant(7001n, "committee", a)],
    "role.revoke": [(a) => s.roles.revoke(7001n, "committee", a)],
    "resident.pending": [(a) => s.verification.pending(a)],
    "resident.verify": [(a) => s.verification.decide(a, 7002n, 0, true)],
    "roster.import": [(a) => s.roster.import(ROSTER, a)],
    "roster.codes": [(a) => s.roster.codesCsv(a), (a) => s.roster.units(a)],
    "consultation.create": [
      async (a) => c.lifecycle.create((await c.lifecycle.parse(Buffer.from("{}"))) as never, a).catch((e: unknown) => { if (e instanceof NotAllowed) throw e; }),
      (a) => c.lifecycle.audienceBuildings(a),
      (a) => c.lifecycle.unitsWithoutArea(a, null),
    ],
    "consultation.list": [(a) => c.lifecycle.overview(a, 5)],
    "consultation.open": [async (a) => c.lifecycle.open((await c.lifecycle.find(999))!, a).catch((e: unknown) => { if (e instanceof NotAllowed) throw e; })],
    "consultation.close": [(a) => c.closing.close(999, a)],
    "consultation.publish": [(a) => c.lifecycle.publish(999, a)],
    announce: [(a) => c.broadcasts.announce({ en: "Water off" }, ["9号楼"], a), (a) => c.broadcasts.knownBuildings(a)],
    "statement.moderate": [(a) => s.statements.moderation.approve(a, 999), (a) => s.statements.moderation.reject(a, 999, "x"), (a) => s.statements.moderation.translate(a, 999, "x"), (a) => s.statements.moderation.nextPending(a), (a) => s.statements.moderation.all(a, 999)],
    "report.submit": [(a) => s.reports.submission.submit(a, 999), (a) => s.reports.submission.preview(a, 999)],
    "report.read": [(a) => s.reports.viewing.open(a, 999), (a) => s.reports.viewing.list(a, 0, 5), (a) => s.reports.viewing.overview(a), (a) => s.reports.viewing.forFile(a, 999), (a) => s.reports.viewing.dashboard(a)],
    "answer.respond": [(a) => s.answers.respond(a, { consultationId: 999, version: 1, text: { en: "x" }, file: null }), (a) => s.answers.check(a, 999)],
    "answer.relay": [(a) => s.answers.relay(a, 999, "participants"), (a) => s.answers.translate(a, 999, "x"), (a) => s.answers.sendBack(a, 999, "x")],
    "department.list": [(a) => s.departments.list(a)],
    "department.change": [(a) => s.departments.add(a, "水务", "Water"), (a) => s.departments.rename(a, 999, "水务", "Water"), (a) => s.departments.remove(a, 999)],
    "followUp.assign": [(a) => s.followUps.actions.assignCheck(a, 999), (a) => s.followUps.actions.create(a, { consultationId: 999, departmentId: 999, what: { en: "x" }, due: "2099-01-01", items: [] })],
    "followUp.update": [(a) => s.followUps.actions.setStatus(a, 999, 0, "done"), (a) => s.followUps.actions.setProgress(a, 999, 0, "50"), (a) => s.followUps.actions.addNote(a, 999, 0, "x")],
    "followUp.observe": [(a) => s.followUps.actions.observe(a, 999, "x")],
    "followUp.list": [(a) => s.followUps.actions.list(a, null), (a) => s.followUps.actions.view(a, 999)],
    "audit.read": [(a) => s.audit.latest(a, 5), (a) => s.audit.since(a, new Date(0)), (a) => s.audit.verify(a)],
  };
};

const stored = async () => ({
  audit: await h.db.auditEntry.count(),
  roles: await h.db.roleGrant.count(),
  units: await h.db.unit.count(),
  consultations: await h.db.consultation.count(),
  outbox: await h.db.outboxMessage.count(),
  departments: await h.db.department.count(),
  followUps: await h.db.followUpAction.count(),
  followUpUpdates: await h.db.followUpUpdate.count(),
  observations: await h.db.observation.count(),
});

describe("every staff use case decides who may act", () => {
  it("every action of the table has calls here", () => {
    expect(Object.keys(calls()).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(ACTIONS)("%s: a resident is refused with NotAllowed and nothing changes", async (action) => {
    const before = await stored();
    for (const call of calls()[action]) await expect(call(asResident(7100n))).rejects.toBeInstanceOf(NotAllowed);
    expect(await stored()).toEqual(before);
  });

  it.each(ACTIONS)("%s: the roles the table names are not refused", async (action) => {
    for (const role of PERMISSIONS[action])
      for (const call of calls()[action]) {
        const outcome = await call(actorWith(7200n, role)).then(
          () => "ran",
          (e: unknown) => (e instanceof NotAllowed ? "refused" : "ran"),
        );
        expect(outcome, `${action} as ${role}`).toBe("ran");
      }
  });
});
