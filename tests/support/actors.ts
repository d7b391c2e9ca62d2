// Actors for calling use cases directly (src/domain/permissions.ts): a person
// acting in a role, as the bot builds them from the roles they hold.
import { person, type Actor } from "../../src/domain/permissions.js";
import { Roles, type StaffRole } from "../../src/domain/roles.js";

export { OPERATOR, SYSTEM } from "../../src/domain/permissions.js";

export const actorWith = (id: bigint | number, ...roles: StaffRole[]): Actor => person(BigInt(id), new Roles(roles));
export const asCommittee = (id: bigint | number): Actor => actorWith(id, "committee");
export const asOfficial = (id: bigint | number): Actor => actorWith(id, "official");
export const asAdmin = (id: bigint | number): Actor => actorWith(id, "admin");
export const asResident = (id: bigint | number): Actor => actorWith(id);
