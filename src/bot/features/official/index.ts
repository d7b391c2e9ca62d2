// The back-stage: committees hand frozen reports to officials, who read them.
import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { chartFeature } from "./chart.js";
import { dashboardFeature } from "./dashboard.js";
import { exportFeature } from "./export.js";
import { reportFeature } from "./report.js";
import { reportsFeature } from "./reports.js";
import { submitFeature } from "./submit.js";

export function officialFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.use(submitFeature(), reportsFeature(), reportFeature(), chartFeature(), exportFeature(), dashboardFeature());
  return c;
}
