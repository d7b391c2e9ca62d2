import { describe, expect, it } from "vitest";
import { ACTIONS_WITHOUT_COMMAND, COMMANDS } from "../../src/domain/commands.js";
import { ACTIONS, NotAllowed, OPERATOR, PERMISSIONS, SYSTEM, auditRole, authorize, can, person } from "../../src/domain/permissions.js";
import { Roles, STAFF_ROLES } from "../../src/domain/roles.js";

const resident = person(1n, new Roles([]));
const holder = (...roles: (typeof STAFF_ROLES)[number][]) => person(2n, new Roles(roles));

describe("the action table", () => {
  it.each(ACTIONS)("%s: a resident may not, its roles and admins may, the operator may", (action) => {
    expect(can(resident, action)).toBe(false);
    for (const role of PERMISSIONS[action]) expect(can(holder(role), action)).toBe(true);
    expect(can(holder("admin"), action)).toBe(true);
    expect(can(OPERATOR, action)).toBe(true);
    for (const role of STAFF_ROLES) if (role !== "admin" && !(PERMISSIONS[action] as readonly string[]).includes(role)) expect(can(holder(role), action)).toBe(false);
  });

  it("the scheduler only opens and closes consultations", () => {
    expect(ACTIONS.filter((a) => can(SYSTEM, a))).toEqual(["consultation.open", "consultation.close"]);
  });

  it("authorize throws a typed NotAllowed naming the action and the role to ask for", () => {
    expect(() => authorize(resident, "announce")).toThrow(NotAllowed);
    try {
      authorize(holder("official"), "role.grant");
    } catch (e) {
      expect(e).toBeInstanceOf(NotAllowed);
      expect((e as NotAllowed).action).toBe("role.grant");
      expect((e as NotAllowed).role).toBe("admin");
    }
    expect(() => authorize(holder("committee"), "announce")).not.toThrow();
  });

  it("the audit log names the role the actor acted in", () => {
    expect(auditRole(OPERATOR, "roster.import")).toBe("operator");
    expect(auditRole(SYSTEM, "consultation.close")).toBe("system");
    expect(auditRole(holder("admin"), "role.grant")).toBe("admin");
    expect(auditRole(holder("admin"), "roster.import")).toBe("committee");
    expect(auditRole(holder("committee", "official"), "report.read")).toBe("official");
  });
});

describe("the command table agrees with the action table", () => {
  it.each(COMMANDS.filter((c) => c.audience !== "everyone").map((c) => [c.name, c] as const))("/%s: its audience may take its actions, a resident none", (_, c) => {
    // A command for several roles (/actions: officials update, the committee observes) may offer each role its own actions.
    const roles = [c.audience].flat() as (typeof STAFF_ROLES)[number][];
    for (const action of c.actions ?? []) {
      expect(roles.some((r) => can(holder(r), action)), `${c.name}: ${action}`).toBe(true);
      expect(can(resident, action)).toBe(false);
    }
  });

  it("resident commands take no staff action", () => {
    for (const c of COMMANDS.filter((c) => c.audience === "everyone")) expect(c.actions ?? []).toEqual([]);
  });

  it("every action is taken by some command, or listed as having none", () => {
    const named = new Set(COMMANDS.flatMap((c) => c.actions ?? []));
    for (const action of ACTIONS) expect(named.has(action) || ACTIONS_WITHOUT_COMMAND.includes(action), action).toBe(true);
    for (const action of ACTIONS_WITHOUT_COMMAND) expect(named.has(action), action).toBe(false);
  });
});
