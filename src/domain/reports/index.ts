// Reports handed to the back-stage: their content, how it is built and compared.
export * from "./content.js";
export { buildReportContent, type ReportInput, type ReportPrivacy } from "./build.js";
export { diffReports, hasChanges } from "./diff.js";
export { ENGINE_PARAMETERS, ENGINE_VERSION, VOTE_VALUE } from "./opinions.js";
export type { ParticipationMember } from "./participation.js";
export { parseReportContent } from "./parse.js";
