import { describe, expect, it } from "vitest";
import type { Person } from "../support/harness.js";
import { committeeMember, seedResident, useHarness, createExample } from "../support/park.js";
import { asCommittee } from "../support/actors.js";

const h = useHarness({ adminIds: [900n] });

// 1号楼 alone: three units on the roster, so two owners taking part are 2/3 of them (Art. 278 counts the roster's units).
const create = () => createExample(h.services, 600n, (s) => (s.audience = { buildings: ["1号楼"] }));

async function voteAll(p: Person, consultation: number, options: Record<number, string>) {
  await p.pressData(`vo:${consultation}`);
  for (const [n, option] of Object.entries(options)) {
    const m = h.tg.chat(p.id).filter((x) => x.text.includes(`Question ${n}/5`)).at(-1)!;
    await p.pressData(m.buttons.find((b) => b.text === option)!.callback_data!, m);
    const submit = m.buttons.find((b) => b.text.startsWith("✅ Submit"));
    if (submit) await p.pressData(submit.callback_data!, m);
  }
}

/** Every value of every row of these tables, as text. */
async function everything(tables: string[]) {
  const out: string[] = [];
  for (const table of tables) {
    for (const row of (await h.db.$queryRawUnsafe(`SELECT * FROM "${table}"`)) as Record<string, unknown>[]) out.push(...Object.values(row).map(String));
  }
  return out;
}

describe("/forget and ballots", () => {
  it("a voter's /forget leaves their ballots counted, in closed and open consultations alike, and linked to nobody", async () => {
    const voter = await seedResident(h, { id: 4101, lang: "en", building: "1号楼", unit: "101" });
    const other = await seedResident(h, { id: 4102, lang: "en", building: "1号楼", unit: "102" });
    await committeeMember(h, 600, "en");
    await create(); // #1: closes before the /forget
    await create(); // #2: still open at the /forget
    await voteAll(voter, 1, { 1: "Agree", 4: "Every day at 7:00", 5: "Yes" });
    await voteAll(other, 1, { 1: "Disagree" });
    await voteAll(voter, 2, { 1: "Agree", 4: "Every day at 7:00", 5: "Yes" });
    await voteAll(other, 2, { 1: "Agree" });
    await h.services.consultations.closing.close(1, asCommittee(600n));
    const before = (await h.services.consultations.lifecycle.find(1))!.polls.map((p) => p.result!.result);

    await voter.send("/forget");
    await voter.press("🗑 Delete my data");
    expect(voter.last().text).toBe("Your personal data has been deleted. Send /start if you ever want to register again.");

    // The closed consultation's stored result is unchanged.
    expect((await h.services.consultations.lifecycle.find(1))!.polls.map((p) => p.result!.result)).toEqual(before);
    // The open one still counts the ballots when it closes: an owner's approval, weighed by the unit's area.
    await h.services.consultations.closing.close(2, asCommittee(600n));
    const [r1, , , r4, r5] = (await h.services.consultations.lifecycle.find(2))!.polls.map((p) => p.result!.result);
    expect(r1).toMatchObject({ ballots: 2, ineligibleBallots: 0, outcome: "passed" });
    expect(r1!.owners).toMatchObject({ totalHeads: 3, participatingHeads: 2, approvingHeads: 2, approvingAreaCenti: 8550 + 9200 });
    expect(r4).toMatchObject({ ballots: 1, ineligibleBallots: 0 });
    expect(r5).toMatchObject({ ballots: 1, counts: [{ option: 0, votes: 1 }, { option: 1, votes: 0 }] });

    // Nothing left anywhere names them: ballots, queued messages, conversations, results.
    const ballots = await h.db.ballot.findMany({ where: { pollId: { in: [1, 4, 5, 6, 9, 10] } }, orderBy: { id: "asc" } });
    expect(ballots.filter((b) => b.voterId === 4101n)).toEqual([]);
    expect(ballots.map((b) => b.voterKey).filter((k) => k.includes("4101"))).toEqual([]);
    for (const v of await everything(["User", "Ballot", "OutboxMessage", "ChatState", "Consultation", "Poll", "Statement"])) expect(v).not.toContain("4101");
    // The same person's ballots share one anonymous key, so each counts once per poll.
    const anonymous = new Set(ballots.filter((b) => b.voterKey.startsWith("a")).map((b) => b.voterKey));
    expect(anonymous.size).toBe(1);
  });
});
