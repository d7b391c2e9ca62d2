// Closing the loop (issue 10): the government's answers and the audit log, installed early: an official's document while
// answering is the town's notice and must reach /respond before the
// committee's roster and spec handlers look at files.
import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { relayAnswerFeature } from "../committee/relayAnswer.js";
import { answerAttachmentFeature } from "../resident/answerAttachment.js";
import { respondFeature } from "./respond.js";
import { auditFeature } from "../admin/audit.js";
import { departmentsFeature } from "../admin/departments.js";

export function answersFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.use(respondFeature(), relayAnswerFeature(), answerAttachmentFeature(), auditFeature(), departmentsFeature());
  return c;
}
