import type { Language } from "../domain/language.js";
import type { Registration, RegistrationPatch } from "../domain/residents/registration.js";
import type { Resident, RosterEntry, UnitRef } from "../domain/residents/resident.js";
import type { RosterUnit } from "../domain/residents/roster.js";
import type { StaffRole } from "../domain/roles.js";

/** What the use cases need from storage. src/db implements it for SQLite and PostgreSQL alike. */
export interface ResidentStore {
  find(id: bigint): Promise<Resident | null>;
  /** Creates the row at consent; returns false if it already existed (a second press of "I agree"). */
  create(id: bigint, registration: Registration, consentAt: Date): Promise<boolean>;
  /**
   * Applies a patch only if the stored revision is still `expectedRevision`,
   * so two presses or an old message never apply twice. Returns false otherwise.
   */
  update(id: bigint, expectedRevision: number, patch: RegistrationPatch): Promise<boolean>;
  /** Claims the unit's invite code for this resident and places them in the unit, atomically. */
  claimCodeAndPlace(id: bigint, expectedRevision: number, unitId: number, patch: RegistrationPatch): Promise<"ok" | "code-taken" | "stale">;
  setLanguage(id: bigint, language: Language): Promise<void>;
  /** Deletes every personal detail of the person, staff roles included. */
  erase(id: bigint): Promise<boolean>;
  listPending(limit: number): Promise<{ residents: Resident[]; total: number }>;
}

export interface UnitStore {
  buildings(): Promise<string[]>;
  findByCode(code: string): Promise<(UnitRef & { codeClaimedBy: bigint | null }) | null>;
  /** The unit with these names, compared whatever their case or width (domain/residents/names.ts). */
  findByName(building: string, number: string): Promise<UnitRef | null>;
  /** Whether the roster has this building, under any case or width. */
  hasBuilding(building: string): Promise<boolean>;
  /** Inserts new units with fresh codes and updates the area of known ones, all or nothing. */
  importRoster(units: RosterUnit[], newCode: () => string): Promise<{ created: number; updated: number; total: number }>;
  list(): Promise<RosterEntry[]>;
}

export interface RoleStore {
  rolesOf(userId: bigint): Promise<StaffRole[]>;
  grant(userId: bigint, role: StaffRole, grantedBy: bigint | null): Promise<boolean>;
  revoke(userId: bigint, role: StaffRole): Promise<boolean>;
  /** Every user holding at least one role, with their roles (for refreshing command menus). */
  staff(): Promise<{ userId: bigint; roles: StaffRole[] }[]>;
}

/** A staff member's language as stored (see StaffLanguage in prisma/models.prisma). */
export interface StaffLanguageRow {
  chosen: Language | null;
  telegramCode: string | null;
}

export interface StaffLanguageStore {
  find(userId: bigint): Promise<StaffLanguageRow | null>;
  /** Creates the row or changes the given fields. */
  save(userId: bigint, patch: Partial<StaffLanguageRow>): Promise<void>;
  /** Changes the given fields of an existing row; false when there is none (the person is not staff). */
  update(userId: bigint, patch: Partial<StaffLanguageRow>): Promise<boolean>;
  remove(userId: bigint): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
