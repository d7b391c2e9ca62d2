// The guided inputs of statements (a resident typing a statement, a committee
// member typing a rejection reason or a translation), kept in ChatState so a
// restart loses nothing. An input left alone for an hour lapses: a message sent
// the next day is not taken as a statement by surprise.

import { z } from "zod";
import type { Clock } from "../ports.js";
import type { ChatStateStore } from "./ports.js";

export const INPUT_LIFETIME_MS = 60 * 60 * 1000;

const at = z.string().datetime();
const schemas = {
  statement: z.object({ consultationId: z.number().int().positive(), at }),
  "reject-reason": z.object({ statementId: z.number().int().positive(), at }),
  translation: z.object({ statementId: z.number().int().positive(), at }),
} as const;

export type StatementInputKind = keyof typeof schemas;
export type StatementInput =
  | { readonly kind: "statement"; readonly consultationId: number }
  | { readonly kind: "reject-reason"; readonly statementId: number }
  | { readonly kind: "translation"; readonly statementId: number };

export class StatementInputs {
  constructor(private readonly deps: { chatStates: ChatStateStore; clock: Clock }) {}

  /** The statement input this person is in, or null (none, another feature's, or lapsed). */
  async current(userId: bigint): Promise<StatementInput | null> {
    const state = await this.deps.chatStates.get(userId);
    if (!state || !Object.hasOwn(schemas, state.kind)) return null;
    const kind = state.kind as StatementInputKind;
    const parsed = schemas[kind].safeParse(state.data);
    if (!parsed.success || this.deps.clock.now().getTime() - Date.parse(parsed.data.at) > INPUT_LIFETIME_MS) {
      await this.deps.chatStates.clear(userId, kind);
      return null;
    }
    const { at: _at, ...rest } = parsed.data;
    return { kind, ...rest } as StatementInput;
  }

  async begin(userId: bigint, input: StatementInput): Promise<void> {
    const { kind, ...data } = input;
    await this.deps.chatStates.set(userId, kind, { ...data, at: this.deps.clock.now().toISOString() });
  }

  async end(userId: bigint, kind: StatementInputKind): Promise<void> {
    await this.deps.chatStates.clear(userId, kind);
  }
}
