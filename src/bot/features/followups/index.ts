// Follow-up actions (issue 10 §2): /assign, /actions and /followups.
import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { actionsFeature } from "./actions.js";
import { assignFeature } from "./assign.js";
import { residentFollowUpsFeature } from "./residents.js";

export function followUpsFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.use(assignFeature(), actionsFeature(), residentFollowUpsFeature());
  return c;
}
