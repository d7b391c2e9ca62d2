// The consensus engine (Pol.is's method, domain.md §3): pure, deterministic.
export { analyzeConversation, ConsensusInputError } from "./analyze.js";
export {
  chooseNextStatement,
  prepareRouting,
  routingStatements,
  SEED_PRIORITY,
  statementImportance,
  statementPriority,
  type RoutingOptions,
  type RoutingStatement,
  type RoutingTable,
} from "./routing.js";
export { createSeededRandom, DEFAULT_SEED, type RandomSource } from "./random.js";
export { compareIds } from "./ids.js";
export { canonicalRanks, VOTE_CODE, voteColumnsOf, VoteColumnsBuilder, type VoteColumns } from "./voteColumns.js";
export { proportionZ, smoothedProportion, statementGroupStats, twoProportionZ, Z_90, type StatementGroupStats } from "./stats.js";
export type * from "./types.js";
export {
  buildConsensusReportModel,
  groupLabel,
  SMALLEST_REPORTED_GROUP,
  type ConsensusReportModel,
  type GroupReport,
  type GroupReportStatement,
  type ReportStatement,
} from "./reportModel.js";
