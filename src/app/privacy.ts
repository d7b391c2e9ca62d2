import type { ResidentStore, RoleStore } from "./ports.js";

/** The PIPL rights of a person: see what is held (the adapters render it) and delete it. */
export class PrivacyService {
  constructor(private readonly deps: { residents: ResidentStore; roles: RoleStore }) {}

  async holdsAnything(id: bigint): Promise<boolean> {
    const [resident, roles] = await Promise.all([this.deps.residents.find(id), this.deps.roles.rolesOf(id)]);
    return resident !== null || roles.length > 0;
  }

  /** Deletes the person's record, their unit-code claim and staff roles in one transaction. */
  async forget(id: bigint): Promise<boolean> {
    return this.deps.residents.erase(id);
  }
}
