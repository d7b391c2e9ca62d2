// Seeds the demo's park through the app's use cases — the same calls the
// bot's handlers make — so the data stays valid as the model changes: the
// roster import, registration with invite codes (and two without, waiting for
// the committee), staff roles, consultations from specs, ballots, statements
// written, moderated and rated, and a consultation closed and published.
import type { Services } from "../app/services.js";
import type { Step } from "../app/registration.js";
import type { Language } from "../domain/language.js";
import type { Resident } from "../domain/residents/resident.js";
import type { VoteChoice } from "../domain/statements/statement.js";
import { OPERATOR, person } from "../domain/permissions.js";
import { Roles } from "../domain/roles.js";
import { closedSpec, FEATURED, openSpec, PENDING, rosterCsv, SEED_STATEMENTS, simulatedResidents, STATEMENTS, type DemoPerson } from "./park.js";

export interface SeededPark {
  services: Services;
  /** Everyone registered, featured residents included. */
  residents: DemoPerson[];
  openConsultationId: number;
  closedConsultationId: number;
  /** Invite codes of units nobody claimed yet (for the page's "new resident"), as letters would carry them. */
  freeCodes: { building: string; unit: string; code: string }[];
}

/**
 * The back-stage's part of the seed, run in order once the front-stage is
 * seeded, each step through its own use case (the government's answer and
 * follow-up actions join here once they exist).
 */
export const backstageSeedSteps: { name: string; run: (park: SeededPark) => Promise<void> }[] = [
  // The committee hands both consultations to the back-stage: the closed one as its final report, the open one as
  // an interim report (with its opinion groups), so the official has something to read, chart and export.
  { name: "submit the closed consultation's report", run: (park) => submitReport(park, park.closedConsultationId) },
  { name: "submit the open consultation's interim report", run: (park) => submitReport(park, park.openConsultationId) },
];

async function submitReport(park: SeededPark, consultationId: number): Promise<void> {
  const out = await park.services.reports.submission.submit(person(BigInt(FEATURED.committee.id), new Roles(["committee"])), consultationId);
  if (out.kind !== "submitted") throw new Error(`seeding: submitting the report of consultation #${consultationId} answered ${out.kind}`);
}

function expectStep(step: Step, what: string): Resident {
  if (step.kind === "prompt" || step.kind === "done") return step.resident;
  throw new Error(`seeding: ${what} answered ${step.kind}${"problem" in step ? ` (${JSON.stringify(step.problem)})` : ""}`);
}

/** A resident registers the way the bot walks them through it: consent, language, code (or unit), relation, area. */
async function register(s: Services, p: DemoPerson, code: string | null): Promise<Resident> {
  const id = BigInt(p.id);
  let r = expectStep(await s.registration.consent(id, p.lang as Language, null), `consent of ${p.id}`);
  r = expectStep(await s.registration.chooseLanguage(id, r.revision, p.lang as Language), `language of ${p.id}`);
  if (code) {
    r = expectStep(await s.registration.submitUnitText(id, code), `invite code of ${p.id}`);
  } else {
    r = expectStep(await s.registration.chooseBuilding(id, r.revision, p.building), `building of ${p.id}`);
    r = expectStep(await s.registration.submitUnitText(id, p.unit), `unit of ${p.id}`);
  }
  r = expectStep(await s.registration.chooseRelation(id, r.revision, p.relation), `relation of ${p.id}`);
  if (r.step === "area") r = expectStep(await s.registration.giveArea(id, { button: "listed", revision: r.revision }), `area of ${p.id}`);
  return r;
}

/** A small deterministic generator, so every demo starts with the same park. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/** The staff first: the bot sets their command menus when it starts, so they exist before it does. */
export async function seedStaff(s: Services): Promise<void> {
  await s.roles.grant(BigInt(FEATURED.committee.id), "committee", OPERATOR);
  await s.roles.grant(BigInt(FEATURED.official.id), "official", OPERATOR);
}

/** Everything else; runs while the bot starts (after seedStaff). */
export async function seedPark(services: Services): Promise<SeededPark> {
  const s = services;
  const imported = await s.roster.import(Buffer.from(rosterCsv()), OPERATOR);
  if (!imported.ok) throw new Error(`seeding: roster refused: ${JSON.stringify(imported.problems)}`);
  const codes = new Map((await s.roster.units(OPERATOR)).map((u) => [`${u.building}/${u.number}`, u.inviteCode]));
  const codeOf = (p: DemoPerson) => codes.get(`${p.building}/${p.unit}`) ?? null;

  const featured: DemoPerson[] = [FEATURED.owner, FEATURED.tenant, FEATURED.committee];
  const simulated = simulatedResidents();
  const residents = [...featured, ...simulated];
  const registered = new Map<number, Resident>();
  // Co-residents of a unit: the first claims the code, the others register by unit and the committee verifies them.
  const first = new Map<string, number>();
  for (const p of residents) if (!first.has(`${p.building}/${p.unit}`)) first.set(`${p.building}/${p.unit}`, p.id);
  await inParallel(residents, async (p) => {
    registered.set(p.id, await register(s, p, first.get(`${p.building}/${p.unit}`) === p.id ? codeOf(p) : null));
  });
  const committee = person(BigInt(FEATURED.committee.id), new Roles(["committee"]));
  for (const [id, r] of registered) {
    if (r.status === "pending") {
      const d = await s.verification.decide(committee, BigInt(id), r.revision, true);
      if (d.kind !== "decided") throw new Error(`seeding: verifying ${id} answered ${d.kind}`);
      registered.set(id, (await s.registration.find(BigInt(id)))!);
    }
  }
  for (const p of PENDING) await register(s, p, null);

  const now = s.clock.now();
  const rnd = random(20261202);

  // The earlier consultation: voted, closed, published.
  const closedDraft = await s.consultations.lifecycle.validate(closedSpec(now));
  if (!closedDraft.ok) throw new Error(`seeding: closed spec refused: ${JSON.stringify(closedDraft.error)}`);
  const closed = await s.consultations.lifecycle.create(closedDraft.value, committee);
  if (!closed.ok) throw new Error(`seeding: closed consultation refused: ${JSON.stringify(closed.error)}`);
  const lockerPoll = closed.value.polls[0]!;
  // Every random choice is drawn first, in order, so the park is the same however the writes interleave.
  const lockerBallots = simulated.flatMap((p) => (rnd() < 0.2 ? [] : [{ p, choice: [rnd() < 0.72 ? 0 : 1] }])); // some did not vote
  await inParallel(lockerBallots, ({ p, choice }) => cast(s, registered.get(p.id)!, lockerPoll.id, choice));
  await cast(s, registered.get(FEATURED.owner.id)!, lockerPoll.id, [0]);
  await cast(s, registered.get(FEATURED.tenant.id)!, lockerPoll.id, [0]);
  const closing = await s.consultations.closing.close(closed.value.id, committee);
  if (closing.kind !== "closed") throw new Error(`seeding: closing answered ${closing.kind}`);
  const published = await s.consultations.lifecycle.publish(closed.value.id, committee);
  if (published.kind !== "queued") throw new Error(`seeding: publishing answered ${published.kind}`);

  // The open consultation: the example spec, every poll kind.
  const draft = await s.consultations.lifecycle.validate(openSpec(now));
  if (!draft.ok) throw new Error(`seeding: open spec refused: ${JSON.stringify(draft.error)}`);
  const open = await s.consultations.lifecycle.create(draft.value, committee);
  if (!open.ok) throw new Error(`seeding: open consultation refused: ${JSON.stringify(open.error)}`);
  const c = open.value;

  // Ballots of the simulated residents (the featured ones vote on the page).
  const ballots: { p: DemoPerson; pollId: number; choice: number[] }[][] = [];
  for (const p of simulated) {
    const lean = p.camp === "A";
    const mine: { p: DemoPerson; pollId: number; choice: number[] }[] = [];
    ballots.push(mine);
    for (const poll of c.polls) {
      if (rnd() < 0.15) continue;
      const def = poll.spec;
      let choice: number[];
      if (def.kind === "single") choice = [def.options.length === 3 ? (rnd() < (lean ? 0.8 : 0.45) ? 0 : rnd() < 0.7 ? 1 : 2) : rnd() < 0.7 ? 0 : 1];
      else if (def.kind === "multiple") choice = [...new Set([lean ? 0 : 2, Math.floor(rnd() * def.options.length)])].sort((a, b) => a - b);
      else if (def.kind === "scale") choice = [Math.min(5, Math.max(1, Math.round((lean ? 2 : 3) + rnd() * 2 - 0.5)))];
      else choice = lean ? [1, 0, 2] : [2, 0, 1];
      mine.push({ p, pollId: poll.id, choice });
    }
  }
  await inParallel(ballots, async (mine) => {
    for (const b of mine) await cast(s, registered.get(b.p.id)!, b.pollId, b.choice, true);
  });

  // Statements residents wrote (moderated: the committee approves them), one left waiting in /moderate.
  const authors = simulated.filter((p) => p.relation !== "operator");
  for (const [i, st] of STATEMENTS.slice(SEED_STATEMENTS).entries()) {
    const author = authors[i % authors.length]!;
    const text = (author.lang === "en" ? (st.en ?? st.zh) : (st.zh ?? st.en))!;
    await writeStatement(s, registered.get(author.id)!, c.id, text, true);
  }
  await writeStatement(s, registered.get(authors[9]!.id)!, c.id, authors[9]!.lang === "zh" ? "园区应该增加夜间巡逻。" : "The park needs night patrols.", false);

  // Ratings: two camps and a consensus, a little noise.
  const statements = await s.statements.moderation.all(committee, c.id);
  const approved = statements.filter((x) => x.status === "approved");
  const leanOf = (text: string) => STATEMENTS.find((x) => x.zh === text || x.en === text)?.lean ?? "mixed";
  const ratings = simulated.map((p) => {
    const mine: { statementId: number; choice: VoteChoice }[] = [];
    for (const st of approved) {
      if (rnd() < 0.1) continue;
      const lean = leanOf(st.textZh ?? st.textEn ?? "");
      const agree = lean === "all" ? rnd() < 0.9 : lean === "mixed" ? rnd() < 0.5 : (lean === p.camp) === rnd() < 0.88;
      mine.push({ statementId: st.id, choice: rnd() < 0.06 ? "pass" : agree ? "agree" : "disagree" });
    }
    return { p, mine };
  });
  await inParallel(ratings, async ({ p, mine }) => {
    const r = registered.get(p.id)!;
    for (const [token, { statementId, choice }] of mine.entries()) {
      const out = await s.statements.rating.vote(r, statementId, choice, token);
      if (out.kind !== "saved") throw new Error(`seeding: rating by ${p.id} answered ${out.kind}`);
    }
  });

  const units = await s.roster.units(OPERATOR);
  const freeCodes = units.filter((u) => !u.codeClaimed).map((u) => ({ building: u.building, unit: u.number, code: u.inviteCode }));
  const park: SeededPark = { services, residents: [...residents, ...PENDING], openConsultationId: c.id, closedConsultationId: closed.value.id, freeCodes };
  for (const step of backstageSeedSteps) await step.run(park);
  return park;
}

/** Runs `work` for every item, a few at a time: each person's own steps stay in order, different people overlap (PostgreSQL's round trips). */
async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>, width = 6): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function cast(s: Services, r: Resident, pollId: number, choice: number[], lenient = false): Promise<void> {
  const out = await s.consultations.voting.cast(r, pollId, choice, null);
  if (out.kind === "recorded" || out.kind === "unchanged") return;
  // A unit's one ballot may already be cast by a unit-mate; a non-owner may not vote in owners' polls.
  if (lenient && out.kind === "refused") return;
  throw new Error(`seeding: ballot in poll ${pollId} answered ${out.kind}${"reason" in out ? ` (${String(out.reason)})` : ""}`);
}

async function writeStatement(s: Services, author: Resident, consultationId: number, text: string, approve: boolean): Promise<void> {
  const target = await s.statements.opinions.beginWriting(author, consultationId);
  if (target.kind !== "ok") throw new Error(`seeding: writing refused: ${JSON.stringify(target)}`);
  const saved = await s.statements.opinions.submit(author, consultationId, text);
  if (saved.kind !== "saved") throw new Error(`seeding: statement "${text}" answered ${saved.kind}`);
  if (approve) {
    const d = await s.statements.moderation.approve(person(BigInt(FEATURED.committee.id), new Roles(["committee"])), saved.statement.id);
    if (d.kind !== "done") throw new Error(`seeding: approving answered ${d.kind}`);
  }
}
