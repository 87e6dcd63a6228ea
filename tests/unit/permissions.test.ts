import { describe, expect, it } from "vitest";
import { can, invitableRoles, type Actor } from "../../app/auth/permissions";
import { globalRoles, type GlobalRole } from "../../db/schema";

const actor = (role: GlobalRole, id = 1): NonNullable<Actor> => ({ id, role });

/** Expected answers, written out for every role: a change to the rules must change this table. */
const table: Record<string, Record<GlobalRole, boolean>> = {
  "read:portal": { admin: true, moderator: true, member: true, observer: true },
  "create:group": { admin: true, moderator: true, member: false, observer: false },
  "list:invitations": { admin: true, moderator: true, member: false, observer: false },
  "list:users": { admin: true, moderator: false, member: false, observer: false },
  "manage:own-account": { admin: true, moderator: true, member: true, observer: true },
};

describe("permission table: every role × action", () => {
  for (const [action, byRole] of Object.entries(table)) {
    for (const role of globalRoles) {
      it(`${role} ${byRole[role] ? "may" : "may not"} ${action}`, () => {
        expect(can(actor(role), action as "read:portal")).toBe(byRole[role]);
      });
    }
    it(`signed out may not ${action}`, () => {
      expect(can(null, action as "read:portal")).toBe(false);
    });
  }
});

describe("invite:user depends on the role to hand out", () => {
  const expected: Record<GlobalRole, GlobalRole[]> = {
    admin: ["admin", "moderator", "member", "observer"],
    moderator: ["member", "observer"],
    member: [],
    observer: [],
  };
  for (const role of globalRoles) {
    it(`${role} may invite exactly ${expected[role].join(", ") || "nobody"}`, () => {
      expect(invitableRoles(actor(role), globalRoles)).toEqual(expected[role]);
      for (const target of globalRoles) {
        expect(can(actor(role), "invite:user", { role: target })).toBe(expected[role].includes(target));
      }
    });
  }
  it("signed out may invite nobody", () => {
    expect(invitableRoles(null, globalRoles)).toEqual([]);
  });
});

describe("deactivate:user", () => {
  it("only admins, and never themselves", () => {
    expect(can(actor("admin", 1), "deactivate:user", { userId: 2, role: "member" })).toBe(true);
    expect(can(actor("admin", 1), "deactivate:user", { userId: 2, role: "admin" })).toBe(true);
    expect(can(actor("admin", 1), "deactivate:user", { userId: 1, role: "admin" })).toBe(false);
    for (const role of ["moderator", "member", "observer"] as const) {
      expect(can(actor(role, 1), "deactivate:user", { userId: 2, role: "member" })).toBe(false);
    }
    expect(can(null, "deactivate:user", { userId: 2, role: "member" })).toBe(false);
  });
});

describe("change-role:user", () => {
  it("only admins, and never their own role", () => {
    expect(can(actor("admin", 1), "change-role:user", { userId: 2 })).toBe(true);
    expect(can(actor("admin", 1), "change-role:user", { userId: 1 })).toBe(false);
    for (const role of ["moderator", "member", "observer"] as const) {
      expect(can(actor(role, 1), "change-role:user", { userId: 2 })).toBe(false);
    }
    expect(can(null, "change-role:user", { userId: 2 })).toBe(false);
  });
});

describe("observers never write in a group, also where a membership row is left from before", () => {
  // A member whose global role became observer keeps the row until the group removes it.
  const group = { status: "aktiv", visibility: "intern", membership: "member", observerGrant: false } as const;
  it("reads, but writes nothing", () => {
    const observer = actor("observer");
    expect(can(observer, "read:group", group)).toBe(true);
    expect(can(observer, "edit:document", { group, status: "entwurf" })).toBe(false);
    expect(can(observer, "create:document", group)).toBe(false);
    expect(can(observer, "create:thread", group)).toBe(false);
    expect(can(observer, "reply:thread", { group, locked: false })).toBe(false);
    expect(can(observer, "edit:post", { group, authorId: observer.id, deleted: false })).toBe(false);
    expect(can(observer, "upload:material", group)).toBe(false);
    // The same row for a member writes.
    expect(can(actor("member"), "edit:document", { group, status: "entwurf" })).toBe(true);
  });
});
