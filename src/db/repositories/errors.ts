/** Prisma's "unique constraint failed" (P2002), the same for both providers. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}
