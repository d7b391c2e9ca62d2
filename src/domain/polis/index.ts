// Pol.is open-data export interop: pure parse/format of the export's CSV files.
export { PolisFormatError } from "./errors.js";
export { parseVotesCsv, parseVoteRows, parseVoteColumns, latestVotes, formatVotesCsv, VotesCsvReader } from "./votes.js";
export { latestVoteColumns, voteObjects, voteColumns } from "./voteColumns.js";
export { parseCommentsCsv, formatCommentsCsv } from "./comments.js";
export { parseParticipantsVotesCsv, parseParticipantsVotesTable, formatParticipantsVotesCsv, buildParticipantsVotes } from "./participantsVotes.js";
export { parseSummaryCsv, formatSummaryCsv, summaryValue, buildSummary, type SummaryFacts } from "./summary.js";
export { parsePolisExport, parsePolisExportData, polisExportObjects, formatPolisExport, PolisExportAssembly, PolisNoVotesError } from "./exportFiles.js";
export { polisConversationInput, polisVoteValue, toPolisVoteValue } from "./conversation.js";
export type * from "./types.js";
