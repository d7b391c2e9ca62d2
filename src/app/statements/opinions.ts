// A resident writes a statement: checked (one idea, ≤ 280 characters, not a
// question, not a duplicate), then waiting for moderation, or published at once
// when the consultation is unmoderated.

import type { Resident } from "../../domain/residents/resident.js";
import { checkStatementText, normalizeStatement, statementLanguage, type StatementTextCheck } from "../../domain/statements/text.js";
import type { Statement } from "../../domain/statements/statement.js";
import type { Clock } from "../ports.js";
import { chooseConsultation, participationRefusal, type ConsultationChoice, type Refusal } from "./access.js";
import type { StatementInputs } from "./inputs.js";
import type { ConsultationFacts, StatementStore } from "./ports.js";
import type { RoutingTables } from "./routingTables.js";
import type { AnalysisRefresher } from "./analysisRefresher.js";

export type WriteTarget = { readonly kind: "ok"; readonly consultation: ConsultationFacts } | { readonly kind: "refused"; readonly refusal: Refusal };

export type Submission =
  | { readonly kind: "refused"; readonly refusal: Refusal }
  | { readonly kind: "invalid"; readonly check: Exclude<StatementTextCheck, { ok: true }> }
  | { readonly kind: "duplicate"; readonly existing: Statement; readonly consultation: ConsultationFacts }
  /** The resident's own statement again (typically the same message delivered twice): nothing to fix, the input ends. */
  | { readonly kind: "yours"; readonly existing: Statement; readonly consultation: ConsultationFacts }
  | { readonly kind: "saved"; readonly statement: Statement; readonly consultation: ConsultationFacts };

export class OpinionService {
  constructor(
    private readonly deps: {
      statements: StatementStore;
      inputs: StatementInputs;
      routing: RoutingTables;
      refresher: AnalysisRefresher;
      clock: Clock;
    },
  ) {}

  /** /opinion: the consultation to write for, several to choose from, or why none. */
  async choose(resident: Resident | null): Promise<ConsultationChoice> {
    if (!resident || resident.status !== "verified") return chooseConsultation(resident, [], true);
    return chooseConsultation(resident, await this.deps.statements.consultationsIn(["open"]), true);
  }

  /** May this resident write a statement in this consultation now? */
  async target(resident: Resident | null, consultationId: number): Promise<WriteTarget> {
    const consultation = await this.deps.statements.consultation(consultationId);
    const refusal = participationRefusal(resident, consultation);
    if (refusal) return { kind: "refused", refusal };
    if (!consultation!.residentStatements) return { kind: "refused", refusal: { kind: "no-resident-statements", consultation: consultation! } };
    return { kind: "ok", consultation: consultation! };
  }

  /** Waits for the resident's statement (their next text message). */
  async beginWriting(resident: Resident, consultationId: number): Promise<WriteTarget> {
    const target = await this.target(resident, consultationId);
    if (target.kind === "ok") await this.deps.inputs.begin(resident.id, { kind: "statement", consultationId });
    return target;
  }

  async cancelWriting(userId: bigint): Promise<void> {
    await this.deps.inputs.end(userId, "statement");
  }

  /**
   * Someone else's statement: the resident may write another (the input stays open). Their own:
   * they sent it before — usually Telegram delivered the same message again after a restart —
   * so there is nothing to fix, and keeping the input open would publish their next message
   * ("OK, thanks") as a statement.
   */
  private async duplicate(resident: Resident, existing: Statement, consultation: ConsultationFacts): Promise<Submission> {
    if (existing.authorId === null || existing.authorId !== resident.id) return { kind: "duplicate", existing, consultation };
    await this.deps.inputs.end(resident.id, "statement");
    return { kind: "yours", existing, consultation };
  }

  /**
   * Saves the statement. A refusal the resident can fix (empty, too long, a
   * question, a duplicate) keeps them writing; otherwise the input ends.
   */
  async submit(resident: Resident | null, consultationId: number, raw: string): Promise<Submission> {
    const target = await this.target(resident, consultationId);
    if (target.kind === "refused") {
      if (resident) await this.deps.inputs.end(resident.id, "statement");
      return target;
    }
    const check = checkStatementText(raw);
    if (!check.ok) return { kind: "invalid", check };
    const { consultation } = target;
    // Every statement is compared in both its languages, in the form this rule defines: the
    // same words as another statement's translation are a duplicate too, and so are the same
    // words as a seed whose stored form was made by another rule.
    const same = (text: string | null) => text !== null && normalizeStatement(text) === check.normalized;
    const existing = (await this.deps.statements.all(consultationId)).find((s) => same(s.textZh) || same(s.textEn));
    if (existing) return this.duplicate(resident!, existing, consultation);
    const created = await this.deps.statements.create({
      consultationId,
      authorId: resident!.id,
      text: check.text,
      language: statementLanguage(check.text, resident!.language),
      normalized: check.normalized,
      status: consultation.moderated ? "pending" : "approved",
      at: this.deps.clock.now(),
    });
    if (created.kind === "duplicate") return this.duplicate(resident!, created.existing, consultation);
    await this.deps.inputs.end(resident!.id, "statement");
    if (created.statement.status === "approved") {
      this.deps.routing.changed(consultationId);
      this.deps.refresher.request(consultationId);
    }
    return { kind: "saved", statement: created.statement, consultation };
  }
}
