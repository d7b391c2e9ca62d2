// Residents' statements: what one may be, how it reads in each language, where
// a resident stands, and how a consultation goes out as a Pol.is export.
export { characterCount, checkStatementText, MAX_STATEMENT_LENGTH, normalizeStatement, statementLanguage, type StatementTextCheck } from "./text.js";
export {
  isRejectReason,
  originalText,
  otherLanguage,
  participantKey,
  REJECT_REASONS,
  STATEMENT_STATUSES,
  statementTextFor,
  VOTE_CODES,
  voteChoice,
  type RejectReason,
  type Statement,
  type StatementStatus,
  type StoredVote,
  type VoteChoice,
} from "./statement.js";
export { buildSnapshot, parseSnapshot, SNAPSHOT_VERSION, type AnalysisSnapshot, type SnapshotGroup, type SnapshotStatement } from "./snapshot.js";
export { nearestGroup, projectResident, residentStance, STANCE_MIN_VOTES, stanceThreshold, type Stance } from "./stance.js";
export { buildPolisExport, numberParticipants, polisDatetime, type ExportInput, type ExportStatement, type ExportVote } from "./polisExport.js";
