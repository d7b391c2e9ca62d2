// `frontstage department list|add|rename|remove`: the departments follow-up actions go to.
import type { Services } from "../app/services.js";
import type { DepartmentOutcome } from "../app/actions/departments.js";
import { CliError, type CliIo, type CliT } from "./io.js";
import { OPERATOR } from "../domain/permissions.js";

type Values = Record<string, string | boolean | undefined>;
const str = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);

function idOf(t: CliT, raw: string | undefined, usage: string): number {
  if (!raw || !/^\d{1,9}$/.test(raw)) throw new CliError(t(`cli.usage.${usage}`));
  return Number(raw);
}

function outcome(t: CliT, o: DepartmentOutcome, done: string): string {
  if (o.kind === "invalid") throw new CliError(t(`departments.problem.${o.problem.code}`, { language: t(`newc.language.${o.problem.language}`), max: "max" in o.problem ? o.problem.max : 0 }));
  if (o.kind === "unknown") throw new CliError(t("departments.unknown", { id: o.id }));
  return t(done, { id: o.department.id, zh: o.department.name.zh, en: o.department.name.en });
}

export async function runDepartment(io: CliIo, t: CliT, verb: "list" | "add" | "rename" | "remove", positionals: string[], values: Values, services: () => Promise<Services>): Promise<void> {
  const d = (await services()).departments;
  switch (verb) {
    case "list": {
      const list = await d.list(OPERATOR);
      io.out(list.length === 0 ? t("departments.none") : list.map((x) => t("departments.line", { id: x.id, zh: x.name.zh, en: x.name.en })).join("\n"));
      return;
    }
    case "add":
      if (positionals.length > 0) throw new CliError(t("cli.usage.departmentAdd"));
      return void io.out(outcome(t, await d.add(OPERATOR, str(values.zh), str(values.en)), "departments.added"));
    case "rename":
      return void io.out(outcome(t, await d.rename(OPERATOR, idOf(t, positionals[0], "departmentRename"), str(values.zh), str(values.en)), "departments.renamed"));
    case "remove":
      return void io.out(outcome(t, await d.remove(OPERATOR, idOf(t, positionals[0], "departmentRemove")), "departments.removed"));
  }
}
