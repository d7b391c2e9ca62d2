import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { cancelFeature } from "./cancel.js";
import { closeFeature } from "./close.js";
import { listFeature } from "./list.js";
import { newConsultationFeature } from "./newConsultation.js";
import { publishFeature } from "./publish.js";
import { specUploadFeature } from "./specUpload.js";

/**
 * Committee: create consultations (/new, spec files), list, close, publish — one job per file.
 * Installed as one feature, in the place createBot gives it, so the order between features stays
 * what it was (e.g. the committee feature's roster files before spec files, /respond's /cancel before this one).
 */
export function consultationsFeature(): Composer<BotContext> {
  return new Composer<BotContext>(newConsultationFeature(), cancelFeature(), specUploadFeature(), listFeature(), closeFeature(), publishFeature());
}
