// What several instances on one database share beyond the tables: on
// PostgreSQL, announcements of changes (LISTEN/NOTIFY) and the scheduler's lock
// (an advisory lock), each on a connection of its own; leases are rows, on
// either database. SQLite is one process (and the CLI beside it): no feed, no
// lock — the caches' lifetimes cover what the CLI changes.
import type { SchedulerLock } from "../app/consultations/ports.js";
import type { LeaseStore } from "../app/leases.js";
import { soloFeed, type PeerFeed } from "../app/peers.js";
import type { Database } from "./client.js";
import { PostgresPeerFeed } from "./peerFeed.js";
import { PrismaLeaseStore } from "./repositories/leases.js";
import { PostgresSchedulerLock } from "./schedulerLock.js";

export interface InstanceLinks {
  peers: PeerFeed;
  leases: LeaseStore;
  /** A new lock for a scheduler; null when there is nothing to elect (SQLite, or no database URL to connect with). */
  schedulerLock: (() => SchedulerLock) | null;
}

export function instanceLinks(db: Database, databaseUrl: string | undefined): InstanceLinks {
  const leases = new PrismaLeaseStore(db.prisma);
  if (db.provider !== "postgresql") return { peers: soloFeed, leases, schedulerLock: null };
  return {
    // Without the URL (the CLI) changes are still announced, through Prisma; only listening needs a connection of its own.
    peers: new PostgresPeerFeed(db.prisma, databaseUrl ?? null),
    leases,
    schedulerLock: databaseUrl ? () => new PostgresSchedulerLock(databaseUrl) : null,
  };
}
