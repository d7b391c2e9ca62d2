import type { BallotStore, CastBallot, StoredBallot } from "../../app/consultations/ports.js";
import type { BallotEvent, VoterKey } from "../../domain/polls/index.js";
import type { BallotRow, DriverPath } from "../driverPath.js";
import type { Provider } from "../databaseUrl.js";
import type { Prisma } from "./prismaTypes.js";

export { domainKey, storedKey } from "../voterKeys.js";
import { domainKey, storedKey } from "../voterKeys.js";

/** A stored choice ("[2]", "[0,3]"); a one-digit choice, by far the most common, without JSON.parse. */
const parseChoice = (json: string): number[] => (json.length === 3 && json[0] === "[" ? [json.charCodeAt(1) - 48] : (JSON.parse(json) as number[]));

export class PrismaBallotStore implements BallotStore {
  constructor(
    private readonly db: Prisma,
    private readonly provider: Provider,
    /** The driver connection of the vote path (src/db/driverPath.ts), when the database URL is known. */
    private readonly driver: (() => Promise<DriverPath>) | null = null,
  ) {}

  /**
   * The whole vote in one statement, because it runs for every press: the
   * open-check, the insert, the change of an earlier ballot and the
   * outdated-message check. Prisma's upsert can do none of the conditions, so
   * this is SQL; both providers accept it (SQLite ≥ 3.35, PostgreSQL ≥ 9.5).
   * On PostgreSQL the consultation row is held FOR KEY SHARE while the ballot
   * is written, which is what makes closing wait for it (see markClosed).
   */
  async cast(b: CastBallot): Promise<boolean> {
    if (this.driver) {
      const written = await (await this.driver()).castBallot(b);
      if (written !== null) return written;
    }
    const key = storedKey(b.key);
    const choice = JSON.stringify(b.choice);
    const n =
      this.provider === "sqlite"
        ? await this.db.$executeRaw`
            INSERT INTO "Ballot" ("pollId", "voterKey", "voterId", "unitId", "choice", "castAt", "createdAt")
            SELECT ${b.pollId}, ${key}, ${b.voterId}, ${b.unitId}, ${choice}, ${b.castAt}, ${b.castAt}
            WHERE EXISTS (SELECT 1 FROM "Consultation" WHERE "id" = ${b.consultationId} AND "status" = 'open')
            ON CONFLICT ("pollId", "voterKey") DO UPDATE SET
              "voterId" = excluded."voterId", "unitId" = excluded."unitId", "choice" = excluded."choice", "castAt" = excluded."castAt"
            WHERE "Ballot"."castAt" = ${b.expected}`
        : await this.db.$executeRaw`
            INSERT INTO "Ballot" ("pollId", "voterKey", "voterId", "unitId", "choice", "castAt", "createdAt")
            SELECT ${b.pollId}::int, ${key}::text, ${b.voterId}::bigint, ${b.unitId}::int, ${choice}::text, ${b.castAt}, ${b.castAt}
            WHERE EXISTS (SELECT 1 FROM "Consultation" WHERE "id" = ${b.consultationId}::int AND "status" = 'open' FOR KEY SHARE)
            ON CONFLICT ("pollId", "voterKey") DO UPDATE SET
              "voterId" = excluded."voterId", "unitId" = excluded."unitId", "choice" = excluded."choice", "castAt" = excluded."castAt"
            WHERE "Ballot"."castAt" = ${b.expected}`;
    return n === 1;
  }

  async find(pollId: number, key: VoterKey): Promise<StoredBallot | null> {
    const row = await this.db.ballot.findUnique({ where: { pollId_voterKey: { pollId, voterKey: storedKey(key) } } });
    return row && { pollId, key, voterId: row.voterId, choice: parseChoice(row.choice), castAt: row.castAt };
  }

  async forKeys(pollIds: readonly number[], keys: readonly VoterKey[]): Promise<StoredBallot[]> {
    if (pollIds.length === 0 || keys.length === 0) return [];
    const rows = await this.db.ballot.findMany({ where: { pollId: { in: [...pollIds] }, voterKey: { in: keys.map(storedKey) } } });
    return rows.map((r) => ({ pollId: r.pollId, key: domainKey(r.voterKey), voterId: r.voterId, choice: parseChoice(r.choice), castAt: r.castAt }));
  }

  /** Plain rows rather than Prisma models (a closing reads every ballot of a poll): from the driver connection when there is one. */
  async events(pollId: number): Promise<BallotEvent[]> {
    const rows =
      (this.driver ? await (await this.driver()).ballotRows(pollId) : null) ??
      (await this.db.$queryRaw<{ voterKey: string; choice: string; castAt: Date }[]>`SELECT "voterKey", "choice", "castAt" FROM "Ballot" WHERE "pollId" = ${pollId} ORDER BY "id"`).map(
        (r): BallotRow => ({ voterKey: r.voterKey, choice: r.choice, at: new Date(r.castAt).getTime() }),
      );
    return rows.map((r) => ({ key: domainKey(r.voterKey), choice: parseChoice(r.choice), at: r.at }));
  }

  async former(pollId: number) {
    const rows = await this.db.ballot.findMany({ where: { pollId, voterId: null }, select: { voterKey: true, unitId: true } });
    return rows.map((r) => ({ key: domainKey(r.voterKey), unitId: r.unitId }));
  }

  async countByPoll(pollIds: readonly number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>(pollIds.map((id) => [id, 0]));
    if (pollIds.length === 0) return out;
    const rows = await this.db.ballot.groupBy({ by: ["pollId"], where: { pollId: { in: [...pollIds] } }, _count: { _all: true } });
    for (const r of rows) out.set(r.pollId, r._count._all);
    return out;
  }

  async choiceCounts(pollId: number): Promise<{ choice: number[]; count: number }[]> {
    const rows = await this.db.ballot.groupBy({ by: ["choice"], where: { pollId }, _count: { _all: true } });
    return rows.map((r) => ({ choice: parseChoice(r.choice), count: r._count._all }));
  }

  async keysByPoll(pollIds: readonly number[]): Promise<Map<number, Set<VoterKey>>> {
    const out = new Map<number, Set<VoterKey>>(pollIds.map((id) => [id, new Set<VoterKey>()]));
    if (pollIds.length === 0) return out;
    const rows = await this.db.ballot.findMany({ where: { pollId: { in: [...pollIds] } }, select: { pollId: true, voterKey: true } });
    for (const r of rows) out.get(r.pollId)?.add(domainKey(r.voterKey));
    return out;
  }
}
