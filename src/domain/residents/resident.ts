import type { Registration } from "./registration.js";

export interface UnitRef {
  id: number;
  building: string;
  number: string;
  areaCenti: number | null;
}

/** A registered person as the rest of the system sees them. */
export interface Resident extends Registration {
  id: bigint;
  consentAt: Date;
  createdAt: Date;
  remindersMuted: boolean;
  unreachableAt: Date | null;
  unit: UnitRef | null;
  /** They claimed their unit's invite code, which verifies them without a committee member. */
  codeVerified: boolean;
}

export interface RosterEntry extends UnitRef {
  inviteCode: string;
  codeClaimed: boolean;
}
