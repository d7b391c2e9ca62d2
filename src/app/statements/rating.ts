// The rating loop: one statement at a time, chosen by Pol.is's priority rule
// from the cached routing table and the resident's own votes (one query), with
// agree / disagree / pass; a vote can be changed. Where a resident stands is
// read from the cached analysis. Nothing here runs the analysis.
//
// Every card carries a token: how many votes the resident had in the
// consultation when it was shown. A press whose token no longer matches comes
// from an older card (another card was voted on since, or the same button was
// pressed twice) and stores nothing.

import type { Telemetry } from "../telemetry.js";
import { chooseNextStatement, type RandomSource } from "../../domain/consensus/index.js";
import type { Resident } from "../../domain/residents/resident.js";
import { residentStance, stanceThreshold, type Stance } from "../../domain/statements/stance.js";
import { participantKey, VOTE_CODES, voteChoice, type Statement, type StoredVote, type VoteChoice } from "../../domain/statements/statement.js";
import type { Clock } from "../ports.js";
import { chooseConsultation, participationRefusal, type ConsultationChoice, type Refusal } from "./access.js";
import type { AnalysisRefresher } from "./analysisRefresher.js";
import type { ConsultationFacts, ResidentVote, StatementStore } from "./ports.js";
import type { RoutingEntry, RoutingTables } from "./routingTables.js";

interface Progress {
  readonly consultation: ConsultationFacts;
  readonly token: number;
  /** Statements rated that are still in the routing table. */
  readonly rated: number;
  readonly total: number;
  /** The statement voted on last, for "change my last vote" (null: none yet). */
  readonly lastVoted: number | null;
  readonly canStance: boolean;
}

export type Card =
  | (Progress & { readonly kind: "statement"; readonly statement: Statement; readonly current: VoteChoice | null })
  | (Progress & { readonly kind: "done" });

export type CardOutcome = { readonly kind: "card"; readonly card: Card } | { readonly kind: "refused"; readonly refusal: Refusal };

export type VoteOutcome =
  | { readonly kind: "refused"; readonly refusal: Refusal }
  /** The statement cannot be rated; `card` is what to show instead (null when even the consultation is unknown). */
  | { readonly kind: "unavailable"; readonly reason: "unknown" | "pending" | "rejected"; readonly card: Card | null }
  | { readonly kind: "stale"; readonly card: Card }
  | { readonly kind: "saved"; readonly choice: VoteChoice; readonly previous: VoteChoice | null; readonly card: Card };

export type StanceOutcome =
  | { readonly kind: "refused"; readonly refusal: Refusal }
  | {
      readonly kind: "stance";
      readonly consultation: ConsultationFacts;
      readonly stance: Stance;
      readonly computedAt: Date | null;
      /** The statements the stance mentions, by id (approved ones only). */
      readonly statements: ReadonlyMap<number, Statement>;
    };

/** Tries before giving up on drawing a statement that is still approved (the table may be a few seconds old). */
const DRAWS = 3;

export class RatingService {
  constructor(
    private readonly deps: {
      statements: StatementStore;
      routing: RoutingTables;
      refresher: AnalysisRefresher;
      clock: Clock;
      random?: RandomSource;
      telemetry?: Telemetry;
    },
  ) {}

  private get random(): RandomSource {
    return this.deps.random ?? Math.random;
  }

  /** /rate and /mystance: the open consultation to use, several to choose from, or why none. */
  async choose(resident: Resident | null): Promise<ConsultationChoice> {
    if (!resident || resident.status !== "verified") return chooseConsultation(resident, [], false);
    return chooseConsultation(resident, await this.deps.statements.consultationsIn(["open"]), false);
  }

  /** The next statement to rate (or "done"). */
  async next(resident: Resident | null, consultationId: number): Promise<CardOutcome> {
    if (!resident || resident.status !== "verified") return { kind: "refused", refusal: participationRefusal(resident, null)! };
    // Three reads at once; nothing is shown unless the checks pass.
    const [consultation, votes, entry] = await Promise.all([
      this.deps.statements.consultation(consultationId),
      this.deps.statements.votesOf(participantKey(resident.id), consultationId),
      this.deps.routing.get(consultationId),
    ]);
    const refusal = participationRefusal(resident, consultation);
    if (refusal) return { kind: "refused", refusal };
    return { kind: "card", card: await this.nextCard(consultation!, votes, entry) };
  }

  async vote(resident: Resident | null, statementId: number, choice: VoteChoice, token: number): Promise<VoteOutcome> {
    const statement = await this.deps.statements.find(statementId);
    if (!statement) {
      if (!resident || resident.status !== "verified") return { kind: "refused", refusal: participationRefusal(resident, null)! };
      return { kind: "unavailable", reason: "unknown", card: null };
    }
    const consultation = await this.deps.statements.consultation(statement.consultationId);
    const refusal = participationRefusal(resident, consultation);
    if (refusal) return { kind: "refused", refusal };
    const participant = participantKey(resident!.id);
    const votes = await this.deps.statements.votesOf(participant, consultation!.id);
    if (statement.status !== "approved") {
      this.deps.routing.invalidate(consultation!.id);
      return { kind: "unavailable", reason: statement.status, card: await this.nextCard(consultation!, votes) };
    }
    if (votes.length !== token) return { kind: "stale", card: await this.nextCard(consultation!, votes) };

    const code: StoredVote = VOTE_CODES[choice];
    const at = this.deps.clock.now();
    await this.deps.statements.castVote(statementId, participant, resident!.id, code, at);
    this.deps.telemetry?.statementVoted();
    const earlier = votes.find((v) => v.statementId === statementId);
    this.deps.refresher.noteVote(consultation!.id);
    const after: ResidentVote[] = earlier
      ? votes.map((v) => (v.statementId === statementId ? { statementId, vote: code, votedAt: at } : v))
      : [...votes, { statementId, vote: code, votedAt: at }];
    return { kind: "saved", choice, previous: earlier ? voteChoice(earlier.vote) : null, card: await this.nextCard(consultation!, after, undefined, statementId) };
  }

  /** Shows a statement the resident voted on (the last one, from the card), with their vote, to change it. */
  async changeVote(resident: Resident | null, statementId: number, token: number): Promise<CardOutcome & { stale?: boolean }> {
    const statement = await this.deps.statements.find(statementId);
    const consultation = statement && (await this.deps.statements.consultation(statement.consultationId));
    const refusal = participationRefusal(resident, consultation);
    if (refusal) return { kind: "refused", refusal };
    const votes = await this.deps.statements.votesOf(participantKey(resident!.id), consultation!.id);
    if (votes.length !== token) return { kind: "card", card: await this.nextCard(consultation!, votes), stale: true };
    const mine = votes.find((v) => v.statementId === statementId);
    if (!mine || statement!.status !== "approved") return { kind: "card", card: await this.nextCard(consultation!, votes) };
    const entry = await this.deps.routing.get(consultation!.id);
    return { kind: "card", card: { kind: "statement", statement: statement!, current: voteChoice(mine.vote), ...this.progress(consultation!, votes, entry, statementId) } };
  }

  /** Where the resident stands, from the cached analysis and their own votes. */
  async stance(resident: Resident | null, consultationId: number): Promise<StanceOutcome> {
    const consultation = await this.deps.statements.consultation(consultationId);
    const refusal = participationRefusal(resident, consultation);
    // After closing, a resident may still see where they stood.
    if (refusal && !(refusal.kind === "not-open" && consultation!.status !== "draft" && participationRefusal(resident, { ...consultation!, status: "open" }) === null)) {
      return { kind: "refused", refusal };
    }
    const [entry, votes] = await Promise.all([this.deps.routing.get(consultationId), this.deps.statements.votesOf(participantKey(resident!.id), consultationId)]);
    const inTable = new Set(entry.table.statementIds);
    const mine = new Map<number, StoredVote>();
    for (const v of votes) if (inTable.has(v.statementId)) mine.set(v.statementId, v.vote);
    const stance = residentStance(entry.snapshot, mine, entry.table.statementIds.length);
    const ids = stance.kind === "placed" ? [...stance.group.representative.map((r) => r.statementId), ...stance.commonGround.map((c) => c.statementId)] : [];
    const found = await this.deps.statements.findMany([...new Set(ids)]);
    const statements = new Map(found.filter((s) => s.status === "approved").map((s) => [s.id, s]));
    return { kind: "stance", consultation: consultation!, stance, computedAt: entry.computedAt, statements };
  }

  /** `lastVoted`: the statement just voted on; else the latest vote on a statement still in the table. */
  private progress(consultation: ConsultationFacts, votes: readonly ResidentVote[], entry: RoutingEntry, lastVoted?: number): Progress {
    const ids = entry.table.statementIds;
    const inTable = new Set(ids);
    let rated = 0;
    let latest: ResidentVote | undefined;
    for (const v of votes) {
      if (!inTable.has(v.statementId)) continue;
      rated++;
      if (!latest || v.votedAt.getTime() >= latest.votedAt.getTime()) latest = v;
    }
    const total = ids.length;
    return {
      consultation,
      token: votes.length,
      rated,
      total,
      lastVoted: lastVoted ?? latest?.statementId ?? null,
      canStance: total > 0 && rated >= stanceThreshold(total),
    };
  }

  private async nextCard(consultation: ConsultationFacts, votes: readonly ResidentVote[], known?: RoutingEntry, lastVoted?: number): Promise<Card> {
    let entry = known ?? (await this.deps.routing.get(consultation.id));
    const excluded = new Set(votes.map((v) => v.statementId));
    for (let draw = 0; draw < DRAWS; draw++) {
      const id = chooseNextStatement(entry.table, excluded, this.random);
      if (id === null) break;
      const statement = entry.statements.get(id) ?? (await this.deps.statements.find(id));
      if (statement && statement.status === "approved" && statement.consultationId === consultation.id) {
        return { kind: "statement", statement, current: null, ...this.progress(consultation, votes, entry, lastVoted) };
      }
      // Moderated since the table was built: rebuild it, and never draw this one again here.
      excluded.add(id);
      this.deps.routing.invalidate(consultation.id);
      entry = await this.deps.routing.get(consultation.id);
    }
    return { kind: "done", ...this.progress(consultation, votes, entry, lastVoted) };
  }
}
