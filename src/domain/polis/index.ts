// Pol.is open-data export interop: pure parse/format of the four CSV files.
export { parseCsv, formatCsv, CsvSyntaxError, type CsvRecord } from "./csv.js";
export { PolisFormatError } from "./errors.js";
export { parseVotesCsv, parseVoteRows, parseVoteRecords, latestVotes, formatVotesCsv, type PolisVoteRecord } from "./votes.js";
export { parseCommentsCsv, formatCommentsCsv } from "./comments.js";
export { parseParticipantsVotesCsv, formatParticipantsVotesCsv, buildParticipantsVotes } from "./participantsVotes.js";
export { parseSummaryCsv, formatSummaryCsv, summaryValue, buildSummary, type SummaryFacts } from "./summary.js";
export { parsePolisExport, formatPolisExport } from "./exportFiles.js";
export { polisConversationInput, polisVoteValue, toPolisVoteValue } from "./conversation.js";
export type * from "./types.js";
