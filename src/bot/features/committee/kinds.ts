// The committee's guided conversations, as conversation kinds (src/app/conversations):
// the ChatState kind, the state's schema (./states.ts) and how long each waits.
import { DAY_MS, defineConversation } from "../../../app/conversations/index.js";
import { announcementStateSchema, openedStateSchema, specPreviewStateSchema, wizardStateSchema } from "./states.js";

/** /new, step by step (src/domain/consultations/wizard.ts). */
export const NEW_CONSULTATION = defineConversation({ name: "new-consultation", schema: wizardStateSchema, lifetimeMs: DAY_MS });
/** A spec file's preview, waiting for Open or Discard. */
export const SPEC_PREVIEW = defineConversation({ name: "consultation-spec", schema: specPreviewStateSchema, lifetimeMs: DAY_MS });
/** /announce, step by step (src/domain/consultations/announcement.ts). */
export const ANNOUNCE = defineConversation({ name: "announce", schema: announcementStateSchema, lifetimeMs: DAY_MS });
/**
 * Left after a spec file's preview was opened: which one, so a second press of its
 * buttons names the consultation instead of saying a conversation ended (the person sent a file).
 * It is replaced by the next /new, file or /cancel, and no other feature reads it.
 */
export const OPENED = defineConversation({ name: "consultation-opened", schema: openedStateSchema, lifetimeMs: 7 * DAY_MS });

/** The kinds /cancel ends with "Cancelled" (the opened marker is no conversation to the person). */
export const CANCELLABLE: readonly string[] = [NEW_CONSULTATION.name, SPEC_PREVIEW.name, ANNOUNCE.name];
