// submitReport: a committee member (or admin) freezes a consultation's report
// as the next version, the consultation moves closed → submitted, and every
// official is told through the outbox in their language.
import { createHash } from "node:crypto";
import type { Consultation } from "../../domain/consultations/consultation.js";
import { ENGINE_PARAMETERS, ENGINE_VERSION, shownValue, type ReportContent } from "../../domain/reports/index.js";
import type { Clock } from "../ports.js";
import type { RoleService } from "../roles.js";
import type { ConsultationStore } from "../consultations/ports.js";
import type { ContentBuilder } from "./ports.js";
import type { ReportNotifier } from "./notify.js";
import type { ReportHeader, ReportStore } from "./ports.js";
import type { AuditSink } from "../audit/log.js";
import { actorId, auditRole, authorize, type Actor } from "../../domain/permissions.js";

/** Refusals of a submission the actor may make (one they may not make throws NotAllowed). */
export type SubmitRefusal =
  | { readonly kind: "not-found"; readonly id: number }
  /** Not open yet: there is nothing to report. */
  | { readonly kind: "draft"; readonly consultation: Consultation };

export type PreviewOutcome = { readonly kind: "preview"; readonly consultation: Consultation; readonly content: ReportContent; readonly version: number } | SubmitRefusal;

export type SubmitOutcome =
  | { readonly kind: "submitted"; readonly consultation: Consultation; readonly report: ReportHeader; readonly content: ReportContent; readonly notified: number }
  /** Someone submitted a version since the preview the person confirmed: nothing was stored. */
  | { readonly kind: "outdated"; readonly latest: number }
  | SubmitRefusal;

export interface SubmissionDeps {
  consultations: Pick<ConsultationStore, "find">;
  reports: ReportStore;
  /** On a worker thread when the database URL is known, else on this one. */
  contents: Pick<ContentBuilder, "build">;
  notifier: ReportNotifier;
  roles: Pick<RoleService, "rolesOf">;
  clock: Clock;
  audit?: AuditSink;
}

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export class ReportSubmission {
  constructor(private readonly deps: SubmissionDeps) {}

  private async check(actor: Actor, id: number): Promise<{ ok: true; consultation: Consultation } | SubmitRefusal> {
    authorize(actor, "report.submit");
    const c = await this.deps.consultations.find(id);
    if (!c) return { kind: "not-found", id };
    if (c.status === "draft") return { kind: "draft", consultation: c };
    return { ok: true, consultation: c };
  }

  /** The report as it would be frozen now, and the version it would get; nothing is stored. */
  async preview(actor: Actor, id: number): Promise<PreviewOutcome> {
    const checked = await this.check(actor, id);
    if (!("ok" in checked)) return checked;
    const c = checked.consultation;
    const previous = await this.deps.reports.find(id);
    const content = await this.deps.contents.build(c, previous, this.deps.clock.now());
    return { kind: "preview", consultation: c, content, version: (previous?.version ?? 0) + 1 };
  }

  /**
   * Freezes the next version. `expectedVersion` is the version the person's
   * preview announced: if another one was stored since, nothing is stored
   * (they confirm what they saw, not something newer).
   */
  async submit(actor: Actor, id: number, expectedVersion?: number): Promise<SubmitOutcome> {
    const checked = await this.check(actor, id);
    if (!("ok" in checked)) return checked;
    const c = checked.consultation;
    const previous = await this.deps.reports.find(id);
    const version = (previous?.version ?? 0) + 1;
    if (expectedVersion !== undefined && expectedVersion !== version) return { kind: "outdated", latest: version - 1 };
    const content = await this.deps.contents.build(c, previous, this.deps.clock.now());
    const json = JSON.stringify(content);
    const report = await this.deps.reports.create({
      consultationId: id,
      version,
      kind: content.kind,
      createdAt: this.deps.clock.now(),
      submittedBy: actorId(actor) ?? 0n,
      engineVersion: ENGINE_VERSION,
      parameters: JSON.stringify(ENGINE_PARAMETERS),
      content: json,
      sha256: sha256(json),
      title: c.title,
      eligible: shownValue(content.participation.eligible),
      tookPart: shownValue(content.participation.tookPart),
    });
    if (!report) return { kind: "outdated", latest: await this.deps.reports.latestVersion(id) };
    if (c.status === "closed") await this.deps.reports.markSubmitted(id);
    await this.deps.audit?.record({ actor: actorId(actor), role: auditRole(actor, "report.submit"), action: "report.submit", target: `report:${id}:v${version}`, input: { sha256: report.sha256 } });
    const notified = await this.deps.notifier.notify(report);
    const now = c.status === "closed" ? { ...c, status: "submitted" as const } : c;
    return { kind: "submitted", consultation: now, report, content, notified };
  }
}
