// The question and the buttons of each step of /new.

import type { InlineKeyboard } from "grammy";
import { askedLanguage, rulesFor, type WizardProblem, type WizardState } from "../../../domain/consultations/wizard.js";
import { callback } from "../../callbacks.js";
import type { BotContext } from "../../context.js";
import { buildingPickerRows, buildingQuestion } from "../../ui/buildingPicker.js";
import { keyboardOf, rowsOf, type Button } from "../../ui/grid.js";

export function wizardButtons(ctx: BotContext, s: WizardState, buildings: readonly string[]): InlineKeyboard | undefined {
  const { t } = ctx.fs;
  const b = (text: string, choice: string): Button => ({ text, data: callback("nw", s.rev, choice) });
  const rows: Button[][] = [];
  switch (s.step) {
    case "langs":
      rows.push([b("中文", "zh"), b("English", "en")], [b("中文 + English", "both")]);
      break;
    case "description":
      rows.push([b(t("newc.skip"), "skip")]);
      break;
    case "audience":
      rows.push(...buildingPickerRows(t, buildings, s.audience, b));
      break;
    case "closes":
      rows.push([3, 7, 14].map((d) => b(t("newc.inDays", { count: d }), `d${d}`)));
      break;
    case "kind":
      rows.push([b(t("newc.kind.single"), "single"), b(t("newc.kind.multiple"), "multiple")], [b(t("newc.kind.scale"), "scale"), b(t("newc.kind.ranked"), "ranked")]);
      break;
    case "maxChoices": {
      const n = s.poll.options.length;
      rows.push(...rowsOf(Array.from({ length: n }, (_, i) => b(String(i + 1), String(i + 1))), 5));
      break;
    }
    case "voters":
      rows.push([b(t("newc.voters.residents"), "residents")], [b(t("newc.voters.owners"), "owners")], [b(t("newc.voters.unit"), "unit")]);
      break;
    case "rule":
      for (const rule of rulesFor(s.poll.kind ?? "single", s.poll.voters ?? "residents")) {
        rows.push([b(t(s.poll.kind === "ranked" && rule === "plurality" ? "newc.rule.ranked" : `newc.rule.${rule}`), rule)]);
      }
      break;
    case "quorum":
      rows.push([b(t("newc.noQuorum"), "none"), b("25%", "q25"), b("50%", "q50")]);
      break;
    case "results":
      rows.push([b(t("newc.resultsHidden"), "hidden")], [b(t("newc.resultsLive"), "live")]);
      break;
    case "more":
      rows.push([b(t("newc.addPoll"), "poll"), b(t("newc.noMorePolls"), "done")]);
      break;
    case "statements":
      rows.push([b(t("newc.statementsModeratedButton"), "moderated")], [b(t("newc.statementsOpenButton"), "open")], [b(t("newc.statementsNoButton"), "no")]);
      break;
    case "seeds":
      rows.push([b(t("newc.skip"), "skip")]);
      break;
    case "preview":
      rows.push([b(t("newc.open"), "open")], [b(t("newc.restart"), "restart"), b(t("newc.cancel"), "cancel")]);
      break;
    default:
      return undefined;
  }
  return keyboardOf(rows);
}

export function wizardQuestion(ctx: BotContext, s: WizardState): string {
  const { t } = ctx.fs;
  const language = t(`newc.language.${askedLanguage(s)}`);
  const n = s.polls.length + 1;
  switch (s.step) {
    case "langs":
      return t("newc.ask.langs");
    case "title":
      return t("newc.ask.title", { language });
    case "description":
      return t("newc.ask.description", { language });
    case "audience":
      return buildingQuestion(t, t("newc.ask.audience"), s.audience);
    case "closes":
      return t("newc.ask.closes", { zone: ctx.fs.timeZone });
    case "question":
      return t("newc.ask.question", { n, language });
    case "kind":
      return t("newc.ask.kind", { n });
    case "options":
      return s.li === 0 ? t("newc.ask.options", { language }) : t("newc.ask.optionsAgain", { language, count: s.poll.options.length });
    case "labels":
      return t("newc.ask.labels", { language });
    case "maxChoices":
      return t("newc.ask.maxChoices", { count: s.poll.options.length });
    case "voters":
      return t("newc.ask.voters");
    case "rule":
      return t("newc.ask.rule");
    case "quorum":
      return t("newc.ask.quorum");
    case "results":
      return t("newc.ask.results");
    case "more":
      return t("newc.ask.more", { n: s.polls.length });
    case "statements":
      return t("newc.ask.statements");
    case "seeds":
      return t("newc.ask.seeds");
    case "preview":
      return "";
  }
}

export function wizardProblemText(ctx: BotContext, p: WizardProblem): string {
  const { code, ...vars } = p;
  return ctx.fs.t(`newc.problem.${code}`, vars);
}
