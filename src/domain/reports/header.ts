// What a stored report snapshot is, without its content: the data the report
// lists and files show (src/presenters/report), stored by src/app/reports.

export type ReportKind = "interim" | "final";

/** A stored snapshot without its content: what lists show. */
export interface ReportHeader {
  readonly id: number;
  readonly consultationId: number;
  readonly version: number;
  readonly kind: ReportKind;
  readonly createdAt: Date;
  readonly submittedBy: bigint;
  readonly engineVersion: string;
  readonly sha256: string;
  readonly title: { readonly zh?: string; readonly en?: string };
  /** As shown in the report: null when withheld (1–4 people). */
  readonly eligible: number | null;
  readonly tookPart: number | null;
}
