/** ChatState kinds of the committee's guided conversations. */
export const NEW_CONSULTATION = "new-consultation";
export const SPEC_PREVIEW = "consultation-spec";
export const ANNOUNCE = "announce";
/**
 * Left after a spec file's preview was opened: which one, so a second press of its
 * buttons names the consultation instead of saying a conversation ended (the person sent a file).
 * It is replaced by the next /new, file or /cancel, and no other feature reads it.
 */
export const OPENED = "consultation-opened";
