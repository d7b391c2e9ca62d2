// Many verified residents at once, written straight to the database (the process tests need a crowd, not the
// registration conversation): one unit each, 100 units per building B1, B2, …
import type { Database } from "../../src/db/client.js";

export async function seedCrowd(
  db: Database,
  o: { count: number; firstId: number; codePrefix: string; relation: "owner" | "tenant"; language?: (i: number) => "zh" | "en" },
): Promise<void> {
  const now = new Date();
  const language = o.language ?? (() => "en");
  await db.prisma.unit.createMany({
    data: Array.from({ length: o.count }, (_, i) => ({ building: `B${Math.floor(i / 100) + 1}`, number: String(101 + (i % 100)), inviteCode: `${o.codePrefix}${String(i).padStart(7, "0")}` })),
  });
  const units = await db.prisma.unit.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  await db.prisma.user.createMany({
    data: units.map((u, i) => ({ id: BigInt(o.firstId + i), language: language(i), consentAt: now, status: "verified", unitId: u.id, relation: o.relation, verifiedAt: now })),
  });
}
