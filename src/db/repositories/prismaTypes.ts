// Repositories are written once against the SQLite client's types; the
// PostgreSQL client is generated from the same models, so its API is identical.
export type { PrismaClient as Prisma } from "../generated/sqlite/client.js";
