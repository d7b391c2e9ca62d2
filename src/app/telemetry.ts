// What the use cases tell an operator about their work (counted by src/server/metrics.ts
// for /metrics). The app layer only calls these; it knows nothing of Prometheus.

export interface Telemetry {
  /** A ballot was stored (cast or changed). */
  ballotRecorded(): void;
  /** A statement vote (agree / disagree / pass) was stored. */
  statementVoted(): void;
  /** An opinion-group analysis finished (or failed) after `seconds`. */
  analysisFinished(seconds: number, ok: boolean): void;
  /** An update's handler failed (the user got an apology). */
  updateFailed(): void;
  /** A redelivered update was recognised and skipped. */
  updateRedelivered(): void;
}

export const noTelemetry: Telemetry = {
  ballotRecorded() {},
  statementVoted() {},
  analysisFinished() {},
  updateFailed() {},
  updateRedelivered() {},
};
