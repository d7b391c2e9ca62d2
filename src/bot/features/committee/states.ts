// The stored state of each committee conversation kind, as a zod schema: a row
// that does not match (an older shape, a hand edit, a bug) is not a conversation.

import { z } from "zod";
import type { AnnouncementState } from "../../../domain/consultations/announcement.js";
import type { WizardState } from "../../../domain/consultations/wizard.js";

const lang = z.enum(["zh", "en"]);
const text = z.object({ zh: z.string().optional(), en: z.string().optional() });
const kind = z.enum(["single", "multiple", "scale", "ranked"]);
const voters = z.enum(["residents", "owners", "unit"]);
const rule = z.enum(["none", "plurality", "majority", "supermajority", "civil-code-278", "civil-code-278-major"]);
const count = z.number().int().nonnegative();
const labels = z.object({ low: text, high: text });

const pollSpec = z.object({
  question: text,
  kind,
  options: z.array(text),
  maxChoices: count.optional(),
  labels: labels.optional(),
  voters,
  rule,
  quorumPercent: z.number().optional(),
  results: z.enum(["hidden", "live"]),
  ownerTotals: z.object({ owners: count, areaCenti: count }).optional(),
});

const draftPoll = z.object({
  question: text,
  kind: kind.optional(),
  options: z.array(text),
  labels: labels.optional(),
  maxChoices: count.optional(),
  voters: voters.optional(),
  rule: rule.optional(),
  quorumPercent: z.number().optional(),
});

const steps = ["langs", "title", "description", "audience", "closes", "question", "kind", "options", "labels", "maxChoices", "voters", "rule", "quorum", "results", "more", "statements", "seeds", "preview"] as const;

export const wizardStateSchema: z.ZodType<WizardState> = z.object({
  v: z.literal(1),
  rev: count,
  step: z.enum(steps),
  langs: z.array(lang),
  li: count,
  title: text,
  description: text,
  audience: z.array(z.string()).nullable(),
  closesAt: z.string().nullable(),
  polls: z.array(pollSpec),
  poll: draftPoll,
  residentStatements: z.boolean(),
  moderated: z.boolean(),
  seeds: z.array(text),
});

export const announcementStateSchema: z.ZodType<AnnouncementState> = z.object({
  v: z.literal(1),
  rev: count,
  step: z.enum(["audience", "langs", "text", "preview"]),
  audience: z.array(z.string()).nullable(),
  langs: z.array(lang),
  li: count,
  text,
});

/** A spec file's preview: the spec as sent, validated again when the committee member confirms. */
export const specPreviewStateSchema = z.object({ v: z.literal(1), rev: count, spec: z.unknown() });
export type SpecPreviewState = z.infer<typeof specPreviewStateSchema>;

/** Which consultation a spec file's preview became. */
export const openedStateSchema = z.object({ rev: count, id: count });
export type OpenedState = z.infer<typeof openedStateSchema>;
