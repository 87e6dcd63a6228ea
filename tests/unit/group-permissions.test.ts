import { describe, expect, it } from "vitest";
import { can, editableGroupFields, type Actor, type GroupAccess } from "../../app/auth/permissions";
import type { GroupStatus, GroupVisibility } from "../../db/schema";

/**
 * The group rules for every role the issue names. "Member of another group"
 * is a portal member with no role here; group roles come with the access.
 */
type Who = "admin" | "globalModerator" | "groupModeration" | "member" | "otherGroupMember" | "observer" | "grantedObserver" | "signedOut";
const whos: Who[] = ["admin", "globalModerator", "groupModeration", "member", "otherGroupMember", "observer", "grantedObserver", "signedOut"];

function actorAndAccess(who: Who, status: GroupStatus, visibility: GroupVisibility): [Actor, GroupAccess] {
  const base = { status, visibility, membership: null, observerGrant: false } as GroupAccess;
  switch (who) {
    case "admin":
      return [{ id: 1, role: "admin" }, base];
    case "globalModerator":
      return [{ id: 2, role: "moderator" }, base];
    case "groupModeration":
      return [{ id: 3, role: "member" }, { ...base, membership: "moderation" }];
    case "member":
      return [{ id: 4, role: "member" }, { ...base, membership: "member" }];
    case "otherGroupMember":
      return [{ id: 5, role: "member" }, base];
    case "observer":
      return [{ id: 6, role: "observer" }, base];
    case "grantedObserver":
      return [{ id: 7, role: "observer" }, { ...base, observerGrant: true }];
    case "signedOut":
      return [null, base];
  }
}

const Y = true;
const N = false;
type Row = Record<Who, boolean>;
const row = (...v: boolean[]): Row => Object.fromEntries(whos.map((w, i) => [w, v[i]])) as Row;
//                                admin globalMod groupMod member other observer granted signedOut
const expected: Record<string, Record<string, Row>> = {
  "aktiv/intern": {
    "read:group": row(Y, Y, Y, Y, Y, Y, Y, N),
    "edit:group": row(Y, Y, Y, N, N, N, N, N),
    // Fields of the edit form beyond description and goals: the portal's moderation only.
    "change-identity:group": row(Y, Y, N, N, N, N, N, N),
    "change-visibility:group": row(Y, Y, N, N, N, N, N, N),
    "archive:group": row(Y, Y, N, N, N, N, N, N),
    "request:join": row(Y, Y, N, N, Y, N, N, N),
    "manage:members": row(Y, Y, Y, N, N, N, N, N),
    "leave:group": row(N, N, Y, Y, N, N, N, N),
    "upload:material": row(N, N, Y, Y, N, N, N, N),
    "create:document": row(N, N, Y, Y, N, N, N, N),
    "delete:document": row(Y, N, Y, N, N, N, N, N),
    // Discussion: members write, observers read, the group moderation (and admins) moderate.
    "read:thread": row(Y, Y, Y, Y, Y, Y, Y, N),
    "create:thread": row(N, N, Y, Y, N, N, N, N),
    "moderate:thread": row(Y, N, Y, N, N, N, N, N),
    "follow:group": row(Y, Y, Y, Y, Y, Y, Y, N),
  },
  "aktiv/vertraulich": {
    "read:group": row(Y, N, Y, Y, N, N, Y, N),
    "edit:group": row(Y, Y, Y, N, N, N, N, N),
    "change-identity:group": row(Y, Y, N, N, N, N, N, N),
    "change-visibility:group": row(Y, Y, N, N, N, N, N, N),
    "read:thread": row(Y, N, Y, Y, N, N, Y, N),
    "create:thread": row(N, N, Y, Y, N, N, N, N),
    "follow:group": row(Y, N, Y, Y, N, N, Y, N),
    "request:join": row(N, N, N, N, N, N, N, N),
    "upload:material": row(N, N, Y, Y, N, N, N, N),
  },
  "archiviert/intern": {
    "read:group": row(Y, Y, Y, Y, Y, Y, Y, N),
    "edit:group": row(N, N, N, N, N, N, N, N),
    "change-identity:group": row(N, N, N, N, N, N, N, N),
    "change-visibility:group": row(N, N, N, N, N, N, N, N),
    "archive:group": row(Y, Y, N, N, N, N, N, N),
    "request:join": row(N, N, N, N, N, N, N, N),
    "manage:members": row(N, N, N, N, N, N, N, N),
    "upload:material": row(N, N, N, N, N, N, N, N),
    "create:document": row(N, N, N, N, N, N, N, N),
    "delete:document": row(N, N, N, N, N, N, N, N),
    "read:thread": row(Y, Y, Y, Y, Y, Y, Y, N),
    "create:thread": row(N, N, N, N, N, N, N, N),
    "moderate:thread": row(N, N, N, N, N, N, N, N),
  },
  "abgeschlossen/intern": {
    "edit:group": row(Y, Y, Y, N, N, N, N, N),
    "change-identity:group": row(Y, Y, N, N, N, N, N, N),
    "change-visibility:group": row(Y, Y, N, N, N, N, N, N),
    "request:join": row(N, N, N, N, N, N, N, N),
    "upload:material": row(N, N, Y, Y, N, N, N, N),
  },
};

describe("group permission table: every group action × every role", () => {
  for (const [situation, actions] of Object.entries(expected)) {
    const [status, visibility] = situation.split("/") as [GroupStatus, GroupVisibility];
    for (const [action, byWho] of Object.entries(actions)) {
      for (const who of whos) {
        it(`${situation}: ${who} ${byWho[who] ? "may" : "may not"} ${action}`, () => {
          const [actor, access] = actorAndAccess(who, status, visibility);
          expect(can(actor, action as "read:group", access)).toBe(byWho[who]);
        });
      }
    }
  }
});

describe("the group's edit form, field by field (editableGroupFields)", () => {
  const all = ["title", "slug", "loge", "description", "goals", "visibility"];
  const expectedFields: Record<Who, string[]> = {
    admin: all,
    globalModerator: all,
    // The group moderation looks after the content; name, address, Loge and visibility are not its to change.
    groupModeration: ["description", "goals"],
    member: [],
    otherGroupMember: [],
    observer: [],
    grantedObserver: [],
    signedOut: [],
  };
  for (const visibility of ["intern", "vertraulich"] as const) {
    for (const who of whos) {
      it(`aktiv/${visibility}: ${who} may change ${expectedFields[who].join(", ") || "no field"}`, () => {
        const [actor, access] = actorAndAccess(who, "aktiv", visibility);
        expect(editableGroupFields(actor, access)).toEqual(expectedFields[who]);
      });
    }
  }
  it("nobody changes a field of an archived group", () => {
    for (const who of whos) {
      const [actor, access] = actorAndAccess(who, "archiviert", "intern");
      expect(editableGroupFields(actor, access), who).toEqual([]);
    }
  });
});

describe("answer:group-invitation", () => {
  const group = (visibility: GroupVisibility, status: GroupStatus = "aktiv", membership: GroupAccess["membership"] = null): GroupAccess => ({ status, visibility, membership, observerGrant: false });
  const member = { id: 4, role: "member" as const };
  it("the invited person answers, also for a vertraulich group they cannot read yet", () => {
    for (const visibility of ["intern", "vertraulich"] as const) {
      expect(can(member, "read:group", group(visibility))).toBe(visibility === "intern");
      expect(can(member, "answer:group-invitation", { group: group(visibility), invitedAs: "member" })).toBe(true);
      expect(can(member, "answer:group-invitation", { group: group(visibility), invitedAs: "moderation" })).toBe(true);
    }
  });
  it("nobody without an invitation, not in an archived group, not a member already, not an observer, not signed out", () => {
    for (const role of ["admin", "moderator", "member"] as const) {
      expect(can({ id: 1, role }, "answer:group-invitation", { group: group("vertraulich"), invitedAs: null }), role).toBe(false);
    }
    expect(can(member, "answer:group-invitation", { group: group("vertraulich", "archiviert"), invitedAs: "member" })).toBe(false);
    expect(can(member, "answer:group-invitation", { group: group("intern", "aktiv", "member"), invitedAs: "moderation" })).toBe(false);
    expect(can({ id: 6, role: "observer" }, "answer:group-invitation", { group: group("intern"), invitedAs: "member" })).toBe(false);
    expect(can(null, "answer:group-invitation", { group: group("intern"), invitedAs: "member" })).toBe(false);
  });
  it("a closed (abgeschlossen) group still takes answers", () => {
    expect(can(member, "answer:group-invitation", { group: group("intern", "abgeschlossen"), invitedAs: "member" })).toBe(true);
  });
});

describe("delete:material", () => {
  const access = (membership: GroupAccess["membership"], status: GroupStatus = "aktiv"): GroupAccess => ({ status, visibility: "intern", membership, observerGrant: false });
  it("the uploader (still a member), the group moderation and admins delete; nobody else", () => {
    expect(can({ id: 4, role: "member" }, "delete:material", { group: access("member"), uploadedBy: 4 })).toBe(true);
    expect(can({ id: 4, role: "member" }, "delete:material", { group: access("member"), uploadedBy: 9 })).toBe(false);
    expect(can({ id: 4, role: "member" }, "delete:material", { group: access(null), uploadedBy: 4 })).toBe(false);
    expect(can({ id: 3, role: "member" }, "delete:material", { group: access("moderation"), uploadedBy: 9 })).toBe(true);
    expect(can({ id: 1, role: "admin" }, "delete:material", { group: access(null), uploadedBy: 9 })).toBe(true);
    expect(can({ id: 2, role: "moderator" }, "delete:material", { group: access(null), uploadedBy: 9 })).toBe(false);
    expect(can({ id: 6, role: "observer" }, "delete:material", { group: access(null), uploadedBy: 9 })).toBe(false);
    expect(can(null, "delete:material", { group: access("member"), uploadedBy: 4 })).toBe(false);
    expect(can({ id: 3, role: "member" }, "delete:material", { group: access("moderation", "archiviert"), uploadedBy: 9 })).toBe(false);
  });
});

describe("discussion posts: replies follow the lock, posts their author", () => {
  //                                   admin globalMod groupMod member other observer granted signedOut
  const replyOpen = row(N, N, Y, Y, N, N, N, N);
  const replyLocked = row(N, N, Y, N, N, N, N, N);
  for (const who of whos) {
    it(`${who} ${replyOpen[who] ? "may" : "may not"} reply in an open thread, ${replyLocked[who] ? "may" : "may not"} in a locked one`, () => {
      const [actor, group] = actorAndAccess(who, "aktiv", "intern");
      expect(can(actor, "reply:thread", { group, locked: false })).toBe(replyOpen[who]);
      expect(can(actor, "reply:thread", { group, locked: true })).toBe(replyLocked[who]);
    });
  }
  it("only the author edits and deletes, while a member, never a deleted post, never in an archived group", () => {
    const member = (status: GroupStatus = "aktiv", membership: GroupAccess["membership"] = "member"): GroupAccess => ({ status, visibility: "intern", membership, observerGrant: false });
    const anna = { id: 4, role: "member" as const };
    for (const action of ["edit:post", "delete:post"] as const) {
      expect(can(anna, action, { group: member(), authorId: 4, deleted: false })).toBe(true);
      expect(can(anna, action, { group: member(), authorId: 9, deleted: false })).toBe(false);
      expect(can(anna, action, { group: member(), authorId: 4, deleted: true })).toBe(false);
      expect(can(anna, action, { group: member("aktiv", null), authorId: 4, deleted: false })).toBe(false);
      expect(can(anna, action, { group: member("archiviert"), authorId: 4, deleted: false })).toBe(false);
      // The group moderation hides others' posts; it does not rewrite them.
      expect(can({ id: 3, role: "member" }, action, { group: member("aktiv", "moderation"), authorId: 4, deleted: false })).toBe(false);
      expect(can({ id: 1, role: "admin" }, action, { group: member("aktiv", null), authorId: 4, deleted: false })).toBe(false);
      expect(can(null, action, { group: member(), authorId: 4, deleted: false })).toBe(false);
    }
  });
  it("members report others' posts, not their own; observers and outsiders do not report", () => {
    const access = (membership: GroupAccess["membership"]): GroupAccess => ({ status: "aktiv", visibility: "intern", membership, observerGrant: false });
    expect(can({ id: 4, role: "member" }, "report:post", { group: access("member"), authorId: 9 })).toBe(true);
    expect(can({ id: 4, role: "member" }, "report:post", { group: access("member"), authorId: 4 })).toBe(false);
    expect(can({ id: 6, role: "observer" }, "report:post", { group: access(null), authorId: 9 })).toBe(false);
    expect(can({ id: 5, role: "member" }, "report:post", { group: access(null), authorId: 9 })).toBe(false);
    expect(can(null, "report:post", { group: access("member"), authorId: 9 })).toBe(false);
  });
});

describe("progress: dashboard, search, report and feed tokens for everyone signed in", () => {
  it("every role, nobody signed out", () => {
    for (const role of ["admin", "moderator", "member", "observer"] as const) {
      expect(can({ id: 1, role }, "read:progress")).toBe(true);
      expect(can({ id: 1, role }, "manage:feed-tokens")).toBe(true);
    }
    expect(can(null, "read:progress")).toBe(false);
    expect(can(null, "manage:feed-tokens")).toBe(false);
  });
});

describe("topic intake", () => {
  it("everyone signed in proposes, supports and comments; only admins and global moderators triage", () => {
    for (const role of ["admin", "moderator", "member", "observer"] as const) {
      for (const action of ["propose:topic", "support:topic", "comment:topic"] as const) {
        expect(can({ id: 1, role }, action)).toBe(true);
      }
      expect(can({ id: 1, role }, "triage:topic")).toBe(role === "admin" || role === "moderator");
    }
    expect(can(null, "propose:topic")).toBe(false);
    expect(can(null, "triage:topic")).toBe(false);
  });
});

describe("documents: writing follows the status, the status follows the group moderation", () => {
  const statuses = ["entwurf", "in_konsultation", "beschlossen", "uebergeben", "zurueckgezogen"] as const;
  //                       admin globalMod groupMod member other observer granted signedOut
  const edit = {
    entwurf: row(N, N, Y, Y, N, N, N, N),
    in_konsultation: row(N, N, Y, Y, N, N, N, N),
    beschlossen: row(N, N, N, N, N, N, N, N),
    uebergeben: row(N, N, N, N, N, N, N, N),
    zurueckgezogen: row(N, N, N, N, N, N, N, N),
  };
  const setStatus = {
    entwurf: row(Y, N, Y, N, N, N, N, N),
    in_konsultation: row(Y, N, Y, N, N, N, N, N),
    beschlossen: row(Y, N, Y, N, N, N, N, N),
    uebergeben: row(N, N, N, N, N, N, N, N),
    // A withdrawn text can be taken up again as a draft.
    zurueckgezogen: row(Y, N, Y, N, N, N, N, N),
  };
  for (const status of statuses) {
    for (const who of whos) {
      it(`${status}: ${who} ${edit[status][who] ? "may" : "may not"} edit, ${setStatus[status][who] ? "may" : "may not"} change the status`, () => {
        const [actor, group] = actorAndAccess(who, "aktiv", "intern");
        expect(can(actor, "edit:document", { group, status })).toBe(edit[status][who]);
        expect(can(actor, "set-status:document", { group, status })).toBe(setStatus[status][who]);
      });
    }
  }
  it("nobody writes or changes status in an archived group", () => {
    for (const who of whos) {
      const [actor, group] = actorAndAccess(who, "archiviert", "intern");
      expect(can(actor, "edit:document", { group, status: "entwurf" })).toBe(false);
      expect(can(actor, "set-status:document", { group, status: "entwurf" })).toBe(false);
    }
  });
});
