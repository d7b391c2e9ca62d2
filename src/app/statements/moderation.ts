// The committee's moderation: pending statements one by one, approved or
// rejected with a reason, and translations typed in the other language.

import type { Resident } from "../../domain/residents/resident.js";
import { otherLanguage, type Statement } from "../../domain/statements/statement.js";
import { checkStatementText } from "../../domain/statements/text.js";
import type { Language } from "../../domain/language.js";
import type { Clock, ResidentStore } from "../ports.js";
import type { AnalysisRefresher } from "./analysisRefresher.js";
import type { StatementInputs } from "./inputs.js";
import type { ConsultationFacts, StatementStore } from "./ports.js";
import type { RoutingTables } from "./routingTables.js";
import type { AuditSink } from "../audit/log.js";
import { actorId, auditRole, authorize, type Actor } from "../../domain/permissions.js";

export interface ModerationItem {
  readonly statement: Statement;
  readonly consultation: ConsultationFacts | null;
  /** How many wait in this queue in all (this one included). */
  readonly total: number;
}

export type Decision =
  | { readonly kind: "unknown" }
  /** Someone else decided first; `statement` shows what they decided. */
  | { readonly kind: "already"; readonly statement: Statement }
  | { readonly kind: "done"; readonly statement: Statement; readonly consultation: ConsultationFacts | null; readonly author: Resident | null };

export type Translation =
  | { readonly kind: "unknown" }
  | { readonly kind: "invalid"; readonly problem: "empty" | "too-long"; readonly count?: number; readonly limit?: number }
  | { readonly kind: "saved"; readonly statement: Statement; readonly language: Language };

/** Who moderated, as stored (the operator is stored as 0, like in the audit log). */
const moderatorId = (actor: Actor): bigint => actorId(actor) ?? 0n;

export class ModerationService {
  constructor(
    private readonly deps: {
      statements: StatementStore;
      residents: ResidentStore;
      inputs: StatementInputs;
      routing: RoutingTables;
      refresher: AnalysisRefresher;
      clock: Clock;
      audit?: AuditSink;
    },
  ) {}

  private async item(found: { statement: Statement | null; total: number }): Promise<ModerationItem | null> {
    if (!found.statement) return null;
    return { statement: found.statement, consultation: await this.deps.statements.consultation(found.statement.consultationId), total: found.total };
  }

  /** Every statement of a consultation, whatever its status (pending, approved, rejected). */
  async all(actor: Actor, consultationId: number): Promise<Statement[]> {
    authorize(actor, "statement.moderate");
    return this.deps.statements.all(consultationId);
  }

  /** The oldest pending statement after `afterId` (0: from the start). */
  async nextPending(actor: Actor, afterId = 0): Promise<ModerationItem | null> {
    authorize(actor, "statement.moderate");
    return this.item(await this.deps.statements.nextPending(afterId));
  }

  /** The next approved statement that exists in one language only. */
  async nextUntranslated(actor: Actor, afterId = 0): Promise<ModerationItem | null> {
    authorize(actor, "statement.moderate");
    return this.item(await this.deps.statements.nextUntranslated(afterId));
  }

  counts(): Promise<{ pending: number; untranslated: number }> {
    return this.deps.statements.queueSizes();
  }

  async view(actor: Actor, statementId: number): Promise<ModerationItem | null> {
    authorize(actor, "statement.moderate");
    const statement = await this.deps.statements.find(statementId);
    if (!statement) return null;
    return { statement, consultation: await this.deps.statements.consultation(statement.consultationId), total: 1 };
  }

  async approve(actor: Actor, statementId: number): Promise<Decision> {
    authorize(actor, "statement.moderate");
    return this.decide(actor, statementId, "approved", null);
  }

  /** `reason`: a RejectReason code or the committee member's own words. */
  async reject(actor: Actor, statementId: number, reason: string): Promise<Decision> {
    authorize(actor, "statement.moderate");
    const moderator = moderatorId(actor);
    const decision = await this.decide(actor, statementId, "rejected", reason.trim().slice(0, 500) || null);
    await this.deps.inputs.end(moderator, "reject-reason");
    return decision;
  }

  /** Waits for the committee member to type the reason. */
  async beginTypedReason(actor: Actor, statementId: number): Promise<Statement | null> {
    authorize(actor, "statement.moderate");
    const moderator = moderatorId(actor);
    const statement = await this.deps.statements.find(statementId);
    if (statement?.status !== "pending") return statement;
    await this.deps.inputs.begin(moderator, { kind: "reject-reason", statementId });
    return statement;
  }

  /** Waits for the committee member to type the statement in its other language. */
  async beginTranslation(actor: Actor, statementId: number): Promise<Statement | null> {
    authorize(actor, "statement.moderate");
    const moderator = moderatorId(actor);
    const statement = await this.deps.statements.find(statementId);
    if (statement) await this.deps.inputs.begin(moderator, { kind: "translation", statementId });
    return statement;
  }

  async cancelInput(moderator: bigint): Promise<void> {
    await this.deps.inputs.end(moderator, "reject-reason");
    await this.deps.inputs.end(moderator, "translation");
  }

  /** Stores the text in the language the statement was not written in (replacing an earlier translation). */
  async translate(actor: Actor, statementId: number, raw: string): Promise<Translation> {
    authorize(actor, "statement.moderate");
    const moderator = moderatorId(actor);
    const statement = await this.deps.statements.find(statementId);
    if (!statement) {
      await this.deps.inputs.end(moderator, "translation");
      return { kind: "unknown" };
    }
    const check = checkStatementText(raw);
    if (!check.ok && check.problem === "empty") return { kind: "invalid", problem: "empty" };
    if (!check.ok && check.problem === "too-long") return { kind: "invalid", problem: "too-long", count: check.count, limit: check.limit };
    // A translation of a statement is not refused for ending in a question mark: the original was accepted.
    const text = check.ok ? check.text : raw.replace(/\s+/g, " ").trim();
    const language = otherLanguage(statement.originalLanguage);
    const saved = await this.deps.statements.setText(statementId, language, text);
    await this.deps.inputs.end(moderator, "translation");
    if (!saved) return { kind: "unknown" };
    await this.deps.audit?.record({ actor: moderator, role: auditRole(actor, "statement.moderate"), action: "statement.translate", target: `statement:${statementId}`, input: { language, text } });
    this.deps.routing.changed(saved.consultationId);
    return { kind: "saved", statement: saved, language };
  }

  private async decide(actor: Actor, statementId: number, status: "approved" | "rejected", reason: string | null): Promise<Decision> {
    const moderator = moderatorId(actor);
    const decided = await this.deps.statements.moderate(statementId, { status, reason, by: moderator, at: this.deps.clock.now() });
    if (!decided) {
      const current = await this.deps.statements.find(statementId);
      return current ? { kind: "already", statement: current } : { kind: "unknown" };
    }
    this.deps.routing.changed(decided.consultationId);
    this.deps.refresher.request(decided.consultationId);
    await this.deps.audit?.record({ actor: moderator, role: auditRole(actor, "statement.moderate"), action: status === "approved" ? "statement.approve" : "statement.reject", target: `statement:${statementId}`, input: { reason } });
    const [consultation, author] = await Promise.all([
      this.deps.statements.consultation(decided.consultationId),
      decided.authorId === null ? null : this.deps.residents.find(decided.authorId),
    ]);
    return { kind: "done", statement: decided, consultation, author };
  }
}
