// What the processes (src/main.ts, the CLI, the demo) need of the database
// itself — open it, migrate it, show its URL without the password, read the audit
// trail page by page — passed through the composition root, so that no edge
// imports src/db.
export { openDatabase, type Database } from "../db/client.js";
export { migrate } from "../db/migrate.js";
export { providerOf, redact } from "../db/databaseUrl.js";
export { openAuditPages } from "../db/auditReader.js";
