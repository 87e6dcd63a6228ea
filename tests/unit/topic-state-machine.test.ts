import { describe, expect, it } from "vitest";
import { proposalStatuses, type ProposalStatus } from "../../db/schema";
import {
  acceptsSupport,
  checkTransition,
  checkTransitionInput,
  isFinal,
  nextStatuses,
} from "../../app/topics/state-machine";

/** Every allowed step, written out: a change to the state machine must change this list. */
const allowed: [ProposalStatus, ProposalStatus][] = [
  ["neu", "in_pruefung"],
  ["neu", "abgelehnt"],
  ["neu", "zusammengefuehrt"],
  ["in_pruefung", "angenommen"],
  ["in_pruefung", "zusammengefuehrt"],
  ["in_pruefung", "abgelehnt"],
];
const isAllowed = (from: ProposalStatus, to: ProposalStatus) => allowed.some(([f, tt]) => f === from && tt === to);
/** Input that satisfies every target's needs, so only the step itself is tested. */
const complete = { reason: "Passt zur Loge", groupId: 7 };

describe("nextStatuses", () => {
  it("lists exactly the allowed steps", () => {
    for (const from of proposalStatuses) {
      const expected = allowed.filter(([f]) => f === from).map(([, to]) => to);
      expect([...nextStatuses(from)].sort()).toEqual(expected.sort());
    }
  });

  it.each(["angenommen", "zusammengefuehrt", "abgelehnt"] as const)("%s is final", (status) => {
    expect(nextStatuses(status)).toEqual([]);
    expect(isFinal(status)).toBe(true);
    expect(acceptsSupport(status)).toBe(false);
  });

  it.each(["neu", "in_pruefung"] as const)("%s is open and can be supported", (status) => {
    expect(isFinal(status)).toBe(false);
    expect(acceptsSupport(status)).toBe(true);
  });
});

describe("checkTransition: every pair of statuses", () => {
  for (const from of proposalStatuses) {
    for (const to of proposalStatuses) {
      const ok = isAllowed(from, to);
      it(`${from} → ${to} is ${ok ? "allowed" : "refused"}`, () => {
        const result = checkTransition(from, to, complete);
        if (ok) {
          expect(result).toEqual({ ok: true });
        } else {
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.field).toBe("to");
            expect(result.error).toMatch(/kann nicht in den Status/);
          }
        }
      });
    }
  }

  it("names both statuses in German", () => {
    const result = checkTransition("angenommen", "neu");
    expect(result).toEqual({
      ok: false,
      field: "to",
      error: "Ein Vorschlag im Status „Angenommen“ kann nicht in den Status „Neu“ wechseln.",
    });
  });

  it("refuses staying in the same status", () => {
    expect(checkTransition("neu", "neu").ok).toBe(false);
    expect(checkTransition("in_pruefung", "in_pruefung").ok).toBe(false);
  });
});

describe("what a target needs", () => {
  it("abgelehnt needs a reason that is not blank", () => {
    for (const reason of [undefined, null, "", "   \n "]) {
      expect(checkTransition("neu", "abgelehnt", { reason })).toEqual({
        ok: false,
        field: "reason",
        error: "Bitte begründen Sie die Ablehnung.",
      });
    }
    expect(checkTransition("in_pruefung", "abgelehnt", { reason: "Doppelt mit AG Digitales Rathaus" })).toEqual({ ok: true });
  });

  it("zusammengefuehrt needs a group", () => {
    for (const groupId of [undefined, null, 0, -3, 1.5]) {
      const result = checkTransition("in_pruefung", "zusammengefuehrt", { groupId });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.field).toBe("groupId");
    }
    expect(checkTransition("neu", "zusammengefuehrt", { groupId: 3 })).toEqual({ ok: true });
  });

  it("in_pruefung and angenommen need nothing, a reason is optional", () => {
    expect(checkTransition("neu", "in_pruefung")).toEqual({ ok: true });
    expect(checkTransition("in_pruefung", "angenommen", {})).toEqual({ ok: true });
    expect(checkTransition("in_pruefung", "angenommen", { reason: "Viel Unterstützung" })).toEqual({ ok: true });
  });

  it("an illegal step is reported before missing input", () => {
    const result = checkTransition("abgelehnt", "zusammengefuehrt", {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.field).toBe("to");
  });

  it("checkTransitionInput does not look at the current status", () => {
    expect(checkTransitionInput("abgelehnt", { reason: "x" })).toEqual({ ok: true });
    expect(checkTransitionInput("abgelehnt", {}).ok).toBe(false);
  });
});
