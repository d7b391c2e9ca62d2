// The guided inputs of statements (a resident typing a statement, a committee
// member typing a rejection reason or a translation), conversations like any
// other (src/app/conversations). An input left alone for an hour lapses: a
// message sent the next day is not taken as a statement by surprise.

import { z } from "zod";
import { defineConversation, HOUR_MS, type ConversationService } from "../conversations/index.js";

export const INPUT_LIFETIME_MS = HOUR_MS;

const id = z.number().int().positive();
const kinds = {
  statement: defineConversation({ name: "statement", schema: z.object({ consultationId: id }), lifetimeMs: INPUT_LIFETIME_MS }),
  "reject-reason": defineConversation({ name: "reject-reason", schema: z.object({ statementId: id }), lifetimeMs: INPUT_LIFETIME_MS }),
  translation: defineConversation({ name: "translation", schema: z.object({ statementId: id }), lifetimeMs: INPUT_LIFETIME_MS }),
} as const;

export type StatementInputKind = keyof typeof kinds;
export type StatementInput =
  | { readonly kind: "statement"; readonly consultationId: number }
  | { readonly kind: "reject-reason"; readonly statementId: number }
  | { readonly kind: "translation"; readonly statementId: number };

export class StatementInputs {
  constructor(private readonly deps: { conversations: ConversationService }) {}

  /** The statement input this person is in, or null (none, another feature's, or lapsed or unreadable: then dropped, silently). */
  async current(userId: bigint): Promise<StatementInput | null> {
    const row = await this.deps.conversations.current(userId);
    if (!row || !Object.hasOwn(kinds, row.kind)) return null;
    const kind = row.kind as StatementInputKind;
    const r = await this.deps.conversations.read<object>(userId, kinds[kind], row);
    return r.status === "active" ? ({ kind, ...r.held.state } as StatementInput) : null;
  }

  async begin(userId: bigint, input: StatementInput): Promise<void> {
    const { kind, ...data } = input;
    await this.deps.conversations.start<object>(userId, kinds[kind], data);
  }

  async end(userId: bigint, kind: StatementInputKind): Promise<void> {
    await this.deps.conversations.drop(userId, kinds[kind]);
  }
}
