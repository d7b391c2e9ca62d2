import type { Language } from "../language.js";

export const RELATIONS = ["owner", "tenant", "operator", "other"] as const;
export type Relation = (typeof RELATIONS)[number];
export const isRelation = (v: string): v is Relation => (RELATIONS as readonly string[]).includes(v);

export const STATUSES = ["registering", "pending", "verified", "rejected"] as const;
export type RegistrationStatus = (typeof STATUSES)[number];

/** The steps of an unfinished registration, in order. Consent comes before any of them and stores nothing until given. */
export const STEPS = ["language", "unit", "relation", "area"] as const;
export type RegistrationStep = (typeof STEPS)[number];

export interface Registration {
  status: RegistrationStatus;
  step: RegistrationStep | null;
  revision: number;
  language: Language;
  unitId: number | null;
  draftBuilding: string | null;
  draftCode: string | null;
  relation: Relation | null;
  areaCenti: number | null;
  verifiedAt: Date | null;
  verifiedBy: bigint | null;
}

/** The fields a transition changes; the caller stores exactly these. */
export type RegistrationPatch = Partial<Omit<Registration, "revision">> & { revision: number };

export function newRegistration(language: Language, draftCode: string | null): Registration {
  return {
    status: "registering",
    step: "language",
    revision: 0,
    language,
    unitId: null,
    draftBuilding: null,
    draftCode,
    relation: null,
    areaCenti: null,
    verifiedAt: null,
    verifiedBy: null,
  };
}

const bump = (r: Registration, patch: Omit<RegistrationPatch, "revision">): RegistrationPatch => ({ ...patch, revision: r.revision + 1 });

export function chooseLanguage(r: Registration, language: Language): RegistrationPatch {
  return bump(r, r.step === "language" ? { language, step: "unit" } : { language });
}

export function chooseBuilding(r: Registration, building: string): RegistrationPatch {
  return bump(r, { draftBuilding: building, step: "unit" });
}

/** The unit is known (from the roster or an invite code); ask how the person relates to it. */
export function placeInUnit(r: Registration, unitId: number): RegistrationPatch {
  return bump(r, { unitId, draftBuilding: null, draftCode: null, step: "relation" });
}

/**
 * Owners are asked for their floor area next; everyone else is done.
 * `codeVerified`: the person claimed the unit's invite code, which verifies them at once.
 */
export function chooseRelation(r: Registration, relation: Relation, codeVerified: boolean, now: Date): RegistrationPatch {
  if (relation === "owner") return bump(r, { relation, step: "area" });
  return { ...finish(r, codeVerified, now), relation, areaCenti: null };
}

export function giveArea(r: Registration, areaCenti: number | null, codeVerified: boolean, now: Date): RegistrationPatch {
  return { ...finish(r, codeVerified, now), areaCenti };
}

function finish(r: Registration, codeVerified: boolean, now: Date): RegistrationPatch {
  return codeVerified
    ? bump(r, { step: null, status: "verified", verifiedAt: now, verifiedBy: null })
    : bump(r, { step: null, status: "pending", verifiedAt: null, verifiedBy: null });
}

/** A committee member's decision on a pending registration. */
export function decide(r: Registration, verify: boolean, by: bigint, now: Date): RegistrationPatch | null {
  if (r.status !== "pending") return null;
  return verify
    ? bump(r, { status: "verified", verifiedAt: now, verifiedBy: by })
    : bump(r, { status: "rejected", verifiedAt: null, verifiedBy: by });
}

/** Start again from the unit step, keeping consent and language (after a rejection, or to move). */
export function restartAtUnit(r: Registration): RegistrationPatch {
  return bump(r, {
    status: "registering",
    step: "unit",
    unitId: null,
    draftBuilding: null,
    draftCode: null,
    relation: null,
    areaCenti: null,
    verifiedAt: null,
    verifiedBy: null,
  });
}
