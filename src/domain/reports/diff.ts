// What changed between two versions of a report: participation, each poll's
// result and decision, group sizes and the top consensus. Pure; both sides are
// stored snapshots, so the answer never changes either.
import type { ReportChanges, ReportContent } from "./content.js";

const key = (t: { zh?: string; en?: string }) => `${t.zh ?? ""}\u0000${t.en ?? ""}`;

export function diffReports(before: ReportContent, after: ReportContent, sinceVersion: number): ReportChanges {
  const polls = after.polls.map((p) => {
    const old = before.polls.find((q) => q.number === p.number);
    return {
      number: p.number,
      ballots: [old?.result.ballots ?? 0, p.result.ballots] as [number, number],
      outcome: [old?.result.outcome ?? "no-votes", p.result.outcome] as [string, string],
      winners: [old?.result.winners ?? [], p.result.winners] as [readonly number[], readonly number[]],
    };
  });
  const beforeTop = new Map(before.opinions.consensus.agree.map((c) => [key(c.text), c.text] as const));
  const afterTop = new Map(after.opinions.consensus.agree.map((c) => [key(c.text), c.text] as const));
  return {
    since: sinceVersion,
    participation: {
      eligible: [before.participation.eligible, after.participation.eligible],
      tookPart: [before.participation.tookPart, after.participation.tookPart],
    },
    polls,
    groups: { before: before.opinions.groups.map((g) => g.size), after: after.opinions.groups.map((g) => g.size) },
    consensus: {
      entered: [...afterTop].filter(([k]) => !beforeTop.has(k)).map(([, t]) => t),
      left: [...beforeTop].filter(([k]) => !afterTop.has(k)).map(([, t]) => t),
    },
  };
}

/** Whether anything at all changed (a re-submission of the same figures says so). */
export function hasChanges(c: ReportChanges): boolean {
  const same = (a: readonly unknown[]) => JSON.stringify(a[0]) === JSON.stringify(a[1]);
  return (
    !same(c.participation.eligible) ||
    !same(c.participation.tookPart) ||
    c.polls.some((p) => !same(p.ballots) || !same(p.outcome) || !same(p.winners)) ||
    JSON.stringify(c.groups.before) !== JSON.stringify(c.groups.after) ||
    c.consensus.entered.length > 0 ||
    c.consensus.left.length > 0
  );
}
