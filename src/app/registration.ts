import type { Language } from "../domain/language.js";
import { normalizeInviteCode } from "../domain/residents/inviteCode.js";
import { parseArea } from "../domain/residents/area.js";
import * as reg from "../domain/residents/registration.js";
import type { Relation } from "../domain/residents/registration.js";
import type { Resident, UnitRef } from "../domain/residents/resident.js";
import { writtenName } from "../domain/residents/names.js";
import type { Clock, ResidentStore, UnitStore } from "./ports.js";

export interface RegistrationDeps {
  residents: ResidentStore;
  units: UnitStore;
  clock: Clock;
}

/** What happened, for the adapter to render; `resident` is the state after it. */
export type Step =
  | { kind: "consent-needed"; code: string | null }
  | { kind: "prompt"; resident: Resident; note?: Note }
  | { kind: "done"; resident: Resident }
  | { kind: "already-verified"; resident: Resident }
  | { kind: "already-pending"; resident: Resident }
  | { kind: "invalid"; resident: Resident; problem: Problem }
  | { kind: "stale" }
  | { kind: "not-registered" };

export type Note =
  | { kind: "consent-recorded"; at: Date }
  | { kind: "rejected-restart" }
  | { kind: "code-accepted"; unit: UnitRef }
  | { kind: "unit-accepted"; unit: UnitRef };

export type Problem =
  | { kind: "code-wrong"; code: string }
  | { kind: "code-used" }
  | { kind: "choose-building-first" }
  | { kind: "unknown-building" }
  | { kind: "unit-not-found"; building: string; unit: string }
  | { kind: "area"; reason: "not-a-number" | "out-of-range" | "too-precise" }
  | { kind: "wrong-step" }
  | { kind: "not-text" };

/**
 * The resident registration, one use case per thing a person can do. Every
 * change goes through the domain's transitions and is stored only if the
 * registration is still at the revision the person saw.
 */
export class RegistrationService {
  constructor(private readonly deps: RegistrationDeps) {}

  /** The person as stored (null: never started, or forgotten); one query. */
  find(id: bigint): Promise<Resident | null> {
    return this.deps.residents.find(id);
  }

  /** The roster's buildings, in the order the building buttons show them. */
  buildings(): Promise<string[]> {
    return this.deps.units.buildings();
  }

  private async reload(id: bigint): Promise<Resident> {
    const r = await this.deps.residents.find(id);
    if (!r) throw new Error(`resident ${id} vanished during registration`);
    return r;
  }

  /** Where `/start` leads: consent for strangers, the current step or status for everyone else. */
  async start(id: bigint, rawCode: string | null): Promise<Step> {
    // Only a payload shaped like an invite code is one; any other — a campaign deep link, a word, an
    // emoji — is dropped: it would not fit the consent button's callback data, nor is it a wrong code.
    const code = rawCode === null ? null : normalizeInviteCode(rawCode);
    const r = await this.deps.residents.find(id);
    if (!r) return { kind: "consent-needed", code };
    if (r.status === "verified") return { kind: "already-verified", resident: r };
    if (r.status === "pending") return { kind: "already-pending", resident: r };
    if (r.status === "rejected") {
      if (!(await this.deps.residents.update(id, r.revision, reg.restartAtUnit(r)))) return { kind: "stale" };
      const again = await this.reload(id);
      if (code) return this.submitUnitText(id, code);
      return { kind: "prompt", resident: again, note: { kind: "rejected-restart" } };
    }
    if (code && r.step === "unit") return this.submitUnitText(id, code);
    if (code && r.step === "language" && code !== r.draftCode) {
      await this.deps.residents.update(id, r.revision, { revision: r.revision + 1, draftCode: code });
      return { kind: "prompt", resident: await this.reload(id) };
    }
    return { kind: "prompt", resident: r };
  }

  /** Consent creates the record; nothing about the person exists before it. */
  async consent(id: bigint, language: Language, code: string | null): Promise<Step> {
    const at = this.deps.clock.now();
    const created = await this.deps.residents.create(id, reg.newRegistration(language, code), at);
    const r = await this.reload(id);
    return created ? { kind: "prompt", resident: r, note: { kind: "consent-recorded", at } } : this.start(id, null);
  }

  async chooseLanguage(id: bigint, revision: number, language: Language): Promise<Step> {
    const r = await this.deps.residents.find(id);
    if (!r) return { kind: "not-registered" };
    if (r.revision !== revision || r.step !== "language") return { kind: "stale" };
    if (!(await this.deps.residents.update(id, revision, reg.chooseLanguage(r, language)))) return { kind: "stale" };
    const next = await this.reload(id);
    // An invite code from a deep link waits for the language, so its answer comes in the right one.
    if (next.draftCode) return this.submitUnitText(id, next.draftCode);
    return { kind: "prompt", resident: next };
  }

  async chooseBuilding(id: bigint, revision: number, building: string): Promise<Step> {
    const r = await this.deps.residents.find(id);
    if (!r) return { kind: "not-registered" };
    if (r.revision !== revision || r.step !== "unit") return { kind: "stale" };
    if (!(await this.deps.units.hasBuilding(building))) return { kind: "invalid", resident: r, problem: { kind: "unknown-building" } };
    if (!(await this.deps.residents.update(id, revision, reg.chooseBuilding(r, building)))) return { kind: "stale" };
    return { kind: "prompt", resident: await this.reload(id) };
  }

  /** Text at the unit step: an invite code, or the unit number in the chosen building. */
  async submitUnitText(id: bigint, text: string): Promise<Step> {
    const r = await this.deps.residents.find(id);
    if (!r) return { kind: "not-registered" };
    if (r.step !== "unit") return { kind: "invalid", resident: r, problem: { kind: "wrong-step" } };
    const code = normalizeInviteCode(text);
    if (r.draftBuilding) {
      const number = writtenName(text);
      const unit = number ? await this.deps.units.findByName(r.draftBuilding, number) : null;
      if (unit) {
        if (!(await this.deps.residents.update(id, r.revision, reg.placeInUnit(r, unit.id)))) return { kind: "stale" };
        return { kind: "prompt", resident: await this.reload(id), note: { kind: "unit-accepted", unit } };
      }
      if (!code) return { kind: "invalid", resident: r, problem: { kind: "unit-not-found", building: r.draftBuilding, unit: number } };
    }
    if (!code) {
      const looksLikeCode = /^[A-Za-z0-9\s-]{6,12}$/.test(text.trim()) && /[A-Za-z]/.test(text);
      const problem: Problem = looksLikeCode ? { kind: "code-wrong", code: text.trim() } : { kind: "choose-building-first" };
      return { kind: "invalid", resident: await this.clearDraftCode(r), problem };
    }
    const unit = await this.deps.units.findByCode(code);
    if (!unit) return { kind: "invalid", resident: await this.clearDraftCode(r), problem: { kind: "code-wrong", code } };
    if (unit.codeClaimedBy !== null && unit.codeClaimedBy !== id) {
      return { kind: "invalid", resident: await this.clearDraftCode(r), problem: { kind: "code-used" } };
    }
    const outcome = await this.deps.residents.claimCodeAndPlace(id, r.revision, unit.id, reg.placeInUnit(r, unit.id));
    if (outcome === "code-taken") return { kind: "invalid", resident: await this.clearDraftCode(r), problem: { kind: "code-used" } };
    if (outcome === "stale") return { kind: "stale" };
    const { codeClaimedBy: _claimedBy, ...ref } = unit;
    return { kind: "prompt", resident: await this.reload(id), note: { kind: "code-accepted", unit: ref } };
  }

  /** A deep-link code that failed is dropped, so it is not tried again at every step. */
  private async clearDraftCode(r: Resident): Promise<Resident> {
    if (!r.draftCode) return r;
    await this.deps.residents.update(r.id, r.revision, { revision: r.revision + 1, draftCode: null });
    return this.reload(r.id);
  }

  async chooseRelation(id: bigint, revision: number, relation: Relation): Promise<Step> {
    const r = await this.deps.residents.find(id);
    if (!r) return { kind: "not-registered" };
    if (r.revision !== revision || r.step !== "relation") return { kind: "stale" };
    const patch = reg.chooseRelation(r, relation, r.codeVerified, this.deps.clock.now());
    if (!(await this.deps.residents.update(id, revision, patch))) return { kind: "stale" };
    const next = await this.reload(id);
    return next.step === null ? { kind: "done", resident: next } : { kind: "prompt", resident: next };
  }

  /** Typed area, or a button: `"skip"` or `"listed"` (the roster's area for the unit). */
  async giveArea(id: bigint, input: { text: string } | { button: "skip" | "listed"; revision: number }): Promise<Step> {
    const r = await this.deps.residents.find(id);
    if (!r) return { kind: "not-registered" };
    if ("button" in input && input.revision !== r.revision) return { kind: "stale" };
    if (r.step !== "area") return "button" in input ? { kind: "stale" } : { kind: "invalid", resident: r, problem: { kind: "wrong-step" } };
    let areaCenti: number | null = null;
    if ("text" in input) {
      const parsed = parseArea(input.text);
      if (!parsed.ok) return { kind: "invalid", resident: r, problem: { kind: "area", reason: parsed.reason } };
      areaCenti = parsed.centi;
    } else if (input.button === "listed") {
      if (r.unit?.areaCenti == null) return { kind: "stale" };
      areaCenti = r.unit.areaCenti;
    }
    if (!(await this.deps.residents.update(id, r.revision, reg.giveArea(r, areaCenti, r.codeVerified, this.deps.clock.now())))) {
      return { kind: "stale" };
    }
    return { kind: "done", resident: await this.reload(id) };
  }

  /** /lang: language can change at any time; during the language step it also moves the registration on. */
  async changeLanguage(id: bigint, language: Language): Promise<Resident | null> {
    const r = await this.deps.residents.find(id);
    if (!r) return null;
    if (r.step === "language") {
      const step = await this.chooseLanguage(id, r.revision, language);
      if (step.kind !== "stale") return this.reload(id);
    }
    await this.deps.residents.setLanguage(id, language);
    return this.reload(id);
  }
}
