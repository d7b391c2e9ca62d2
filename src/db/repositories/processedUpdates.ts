import { join, sqltag as sql } from "@prisma/client/runtime/client";
import type { ProcessedUpdateStore } from "../../app/updates.js";
import type { UpdateClaims } from "../updateClaims.js";
import type { Prisma } from "./prismaTypes.js";

export class PrismaProcessedUpdateStore implements ProcessedUpdateStore {
  private claims: Promise<UpdateClaims> | undefined;

  constructor(
    private readonly db: Prisma,
    /** Claims on a driver connection of their own (src/db/updateClaims.ts), when the database URL is known. */
    private readonly openClaims: (() => Promise<UpdateClaims>) | null = null,
  ) {}

  /**
   * One statement: a new id is inserted; a row left "started" by another process (one
   * that died mid-update) is taken over; anything else — done, or being handled by
   * this process — writes nothing, and the update is a redelivery.
   */
  async claim(updateId: number, owner: string, at: Date): Promise<boolean> {
    if (this.openClaims) {
      const claimed = await (await (this.claims ??= this.openClaims())).claim(updateId, owner, at);
      if (claimed !== null) return claimed;
    }
    const written = await this.db.$executeRaw`
      INSERT INTO "ProcessedUpdate" ("updateId", "state", "owner", "startedAt") VALUES (${updateId}, 'started', ${owner}, ${at})
      ON CONFLICT ("updateId") DO UPDATE SET "owner" = excluded."owner", "startedAt" = excluded."startedAt"
      WHERE "ProcessedUpdate"."state" = 'started' AND "ProcessedUpdate"."owner" <> excluded."owner"`;
    return written > 0;
  }

  async finish(updateIds: readonly number[]): Promise<void> {
    if (updateIds.length === 0) return;
    await this.db.$executeRaw`UPDATE "ProcessedUpdate" SET "state" = 'done' WHERE "updateId" IN (${join(updateIds)})`;
  }

  async close(): Promise<void> {
    const claims = this.claims;
    this.claims = undefined;
    if (claims) await (await claims).close();
  }

  async prune(before: Date): Promise<number> {
    return this.db.$executeRaw`DELETE FROM "ProcessedUpdate" WHERE "startedAt" < ${before}`;
  }
}
