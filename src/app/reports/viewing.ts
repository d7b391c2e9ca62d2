// Reading reports: who may (officials and admins; committee members, whose
// body submitted them; never residents), the list with new/read, one version
// with its parsed content. Everything comes from stored snapshots only.
import { parseReportContent, type ReportContent } from "../../domain/reports/index.js";
import type { Clock } from "../ports.js";
import type { RoleService } from "../roles.js";
import type { ReportHeader, ReportSourceStore, ReportStore, StoredReport } from "./ports.js";
import type { AuditSink } from "../audit/log.js";
import { actorId, authorize, can, type Actor } from "../../domain/permissions.js";

export type Viewer = "official" | "committee";

export type OpenOutcome =
  | { readonly kind: "report"; readonly viewer: Viewer; readonly report: StoredReport; readonly content: ReportContent; readonly versions: readonly number[]; readonly firstRead: boolean }
  /** Never submitted: `recent` lists what exists instead. */
  | { readonly kind: "never-submitted"; readonly id: number; readonly recent: readonly ReportHeader[] }
  | { readonly kind: "unknown-version"; readonly id: number; readonly version: number; readonly versions: readonly number[] };

/** What forFile() finds: the report, or why there is none (as open() says it). */
export type FileOutcome =
  | { readonly kind: "report"; readonly report: StoredReport; readonly content: ReportContent }
  | Exclude<OpenOutcome, { kind: "report" }>;

export interface ListedReport extends ReportHeader {
  readonly read: boolean;
}

const CACHE = 8;

export class ReportViewing {
  /** Snapshots never change, so their parsed content can be kept (by row id and hash) without ever going stale. */
  private readonly parsed = new Map<string, ReportContent>();

  constructor(private readonly deps: { reports: ReportStore; sources: Pick<ReportSourceStore, "statusCounts">; roles: Pick<RoleService, "rolesOf">; clock: Clock; audit?: AuditSink }) {}

  /** Whom the actor reads as (null: they may not read reports); the operator reads as an official. */
  viewer(actor: Actor): Viewer | null {
    if (!can(actor, "report.read")) return null;
    if (actor.kind !== "person") return "official";
    return actor.roles.has("official") ? "official" : "committee";
  }

  private reader(actor: Actor): { viewer: Viewer; userId: bigint } {
    authorize(actor, "report.read");
    return { viewer: this.viewer(actor)!, userId: actorId(actor) ?? 0n };
  }

  async list(actor: Actor, offset: number, limit: number): Promise<{ kind: "list"; reports: ListedReport[]; total: number }> {
    const { userId } = this.reader(actor);
    const { reports, total } = await this.deps.reports.list(offset, limit);
    const read = await this.deps.reports.readBy(userId, reports.map((r) => r.id));
    return { kind: "list", reports: reports.map((r) => ({ ...r, read: read.has(r.id) })), total };
  }

  /** One version (the latest when omitted); opening it marks it read for this person. */
  async open(actor: Actor, consultationId: number, version?: number): Promise<OpenOutcome> {
    const { viewer, userId } = this.reader(actor);
    const versions = await this.deps.reports.versions(consultationId);
    if (versions.length === 0) return { kind: "never-submitted", id: consultationId, recent: (await this.deps.reports.list(0, 10)).reports };
    const wanted = version ?? versions[0]!.version;
    if (!versions.some((v) => v.version === wanted)) return { kind: "unknown-version", id: consultationId, version: wanted, versions: versions.map((v) => v.version) };
    const report = (await this.deps.reports.find(consultationId, wanted))!;
    const content = this.content(report);
    const before = await this.deps.reports.readBy(userId, [report.id]);
    if (before.size === 0) await this.deps.reports.markRead(report.id, userId, this.deps.clock.now());
    await this.deps.audit?.record({ actor: actorId(actor), role: actor.kind === "person" ? viewer : "operator", action: "report.open", target: `report:${consultationId}:v${wanted}`, input: { sha256: report.sha256 } });
    return { kind: "report", viewer, report, content, versions: versions.map((v) => v.version), firstRead: before.size === 0 };
  }

  /**
   * One version (the latest when omitted) to be written to a file (the CLI's `report <number>`): unlike open(),
   * nobody is marked as having read it.
   */
  async forFile(actor: Actor, consultationId: number, version?: number): Promise<FileOutcome> {
    authorize(actor, "report.read");
    const versions = await this.deps.reports.versions(consultationId);
    if (versions.length === 0) return { kind: "never-submitted", id: consultationId, recent: (await this.deps.reports.list(0, 10)).reports };
    const wanted = version ?? versions[0]!.version;
    const report = await this.deps.reports.find(consultationId, wanted);
    if (!report) return { kind: "unknown-version", id: consultationId, version: wanted, versions: versions.map((v) => v.version) };
    return { kind: "report", report, content: this.content(report) };
  }

  content(report: StoredReport): ReportContent {
    const key = `${report.id}:${report.sha256}`;
    let c = this.parsed.get(key);
    if (!c) {
      const parsed = parseReportContent(report.content);
      if (!parsed) throw new Error(`report ${report.id} has content of an unknown format`);
      c = parsed;
      if (this.parsed.size >= CACHE) this.parsed.delete(this.parsed.keys().next().value!);
      this.parsed.set(key, c);
    }
    return c;
  }

  /** Headers of every report (the dashboard), and how many this person has not opened yet. */
  async overview(actor: Actor): Promise<{ reports: ReportHeader[]; unread: number }> {
    const { userId } = this.reader(actor);
    const reports = await this.deps.reports.all();
    const read = await this.deps.reports.readBy(userId, reports.map((r) => r.id));
    return { reports, unread: reports.filter((r) => !read.has(r.id)).length };
  }

  /** /dashboard: the overview, and how many consultations are in each status. */
  async dashboard(actor: Actor): Promise<{ statuses: Record<string, number>; reports: ReportHeader[]; unread: number }> {
    const { reports, unread } = await this.overview(actor);
    return { statuses: await this.deps.sources.statusCounts(), reports, unread };
  }
}
