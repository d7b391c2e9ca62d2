// Who may write and rate in a consultation: a verified resident of its
// audience, while it is open. Checked again on every message and every press.

import { inAudience } from "../../domain/consultations/audience.js";
import type { Language } from "../../domain/language.js";
import type { Resident } from "../../domain/residents/resident.js";
import type { ConsultationFacts } from "./ports.js";

export type Refusal =
  | { readonly kind: "not-registered" }
  | { readonly kind: "not-verified"; readonly status: "registering" | "pending" | "rejected" }
  | { readonly kind: "unknown-consultation" }
  | { readonly kind: "not-open"; readonly consultation: ConsultationFacts }
  | { readonly kind: "outside-audience"; readonly consultation: ConsultationFacts }
  | { readonly kind: "no-resident-statements"; readonly consultation: ConsultationFacts }
  /** Nothing is open, or nothing open is for this resident (or takes statements, when writing). */
  | { readonly kind: "nothing-open" }
  | { readonly kind: "nothing-for-you" }
  | { readonly kind: "nothing-takes-statements" };

/** Why this person may not take part, or null when they may. */
export function participationRefusal(resident: Resident | null, consultation: ConsultationFacts | null): Refusal | null {
  if (!resident) return { kind: "not-registered" };
  if (resident.status !== "verified") return { kind: "not-verified", status: resident.status };
  if (!consultation) return { kind: "unknown-consultation" };
  if (consultation.status !== "open") return { kind: "not-open", consultation };
  if (!inAudience(resident, consultation.audience)) return { kind: "outside-audience", consultation };
  return null;
}

/** A consultation's title in the reader's language, else the other one, else "#id". */
export function consultationTitle(c: Pick<ConsultationFacts, "id" | "titleZh" | "titleEn">, lang: Language): string {
  const own = lang === "zh" ? c.titleZh : c.titleEn;
  return own || c.titleZh || c.titleEn || `#${c.id}`;
}

export type ConsultationChoice =
  | { readonly kind: "one"; readonly consultation: ConsultationFacts }
  | { readonly kind: "choose"; readonly consultations: ConsultationFacts[] }
  | { readonly kind: "refused"; readonly refusal: Refusal };

/** The open consultations this resident may take part in: one, several to choose from, or why none. */
export function chooseConsultation(resident: Resident | null, open: readonly ConsultationFacts[], needsStatements: boolean): ConsultationChoice {
  if (!resident) return { kind: "refused", refusal: { kind: "not-registered" } };
  if (resident.status !== "verified") return { kind: "refused", refusal: { kind: "not-verified", status: resident.status } };
  if (open.length === 0) return { kind: "refused", refusal: { kind: "nothing-open" } };
  const mine = open.filter((c) => participationRefusal(resident, c) === null);
  if (mine.length === 0) return { kind: "refused", refusal: { kind: "nothing-for-you" } };
  const usable = needsStatements ? mine.filter((c) => c.residentStatements) : mine;
  if (usable.length === 0) {
    return { kind: "refused", refusal: mine.length === 1 ? { kind: "no-resident-statements", consultation: mine[0]! } : { kind: "nothing-takes-statements" } };
  }
  return usable.length === 1 ? { kind: "one", consultation: usable[0]! } : { kind: "choose", consultations: usable };
}
