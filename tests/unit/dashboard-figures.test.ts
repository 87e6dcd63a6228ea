import { describe, expect, it } from "vitest";
import {
  adoptedCount,
  berlinDay,
  berlinMidnightMs,
  countByStatus,
  isoWeekOf,
  lastIsoWeeks,
  milestoneProgress,
  statusAt,
  statusOverTime,
  weeklyCounts,
  type RecommendationHistory,
} from "../../app/dashboard/figures";
import { relativeDay } from "../../app/dashboard/format";

const TODAY = "2026-12-02"; // a Wednesday, ISO week 49

describe("Berlin days", () => {
  it("counts a moment late in the UTC evening to the next Berlin day", () => {
    expect(berlinDay(Date.parse("2026-12-01T23:30:00Z"))).toBe("2026-12-02");
    expect(berlinDay(Date.parse("2026-07-01T21:59:00Z"))).toBe("2026-07-01");
    expect(berlinDay(Date.parse("2026-07-01T22:00:00Z"))).toBe("2026-07-02");
  });

  it("finds Berlin midnight in winter and summer time", () => {
    expect(new Date(berlinMidnightMs("2026-12-02")).toISOString()).toBe("2026-12-01T23:00:00.000Z");
    expect(new Date(berlinMidnightMs("2026-07-02")).toISOString()).toBe("2026-07-01T22:00:00.000Z");
    // The day summer time begins.
    expect(new Date(berlinMidnightMs("2026-03-29")).toISOString()).toBe("2026-03-28T23:00:00.000Z");
  });

  it("says 'vor 3 Tagen'", () => {
    expect(relativeDay("2026-11-29", TODAY)).toBe("vor 3 Tagen");
    expect(relativeDay(TODAY, TODAY)).toBe("heute");
    expect(relativeDay("2026-12-01", TODAY)).toBe("gestern");
  });
});

describe("ISO weeks", () => {
  it("numbers weeks as ISO 8601 does, across the turn of the year", () => {
    expect(isoWeekOf(TODAY)).toEqual({ year: 2026, week: 49, monday: "2026-11-30" });
    expect(isoWeekOf("2027-01-01")).toEqual({ year: 2026, week: 53, monday: "2026-12-28" });
    expect(isoWeekOf("2025-12-29")).toEqual({ year: 2026, week: 1, monday: "2025-12-29" });
  });

  it("gives the last 12 weeks, oldest first, ending with this one", () => {
    const weeks = lastIsoWeeks(TODAY, 12);
    expect(weeks).toHaveLength(12);
    expect(weeks[11]).toMatchObject({ key: "2026-W49", week: 49, monday: "2026-11-30", sunday: "2026-12-06" });
    expect(weeks[0]).toMatchObject({ key: "2026-W38", monday: "2026-09-14" });
    // Contiguous: each week ends where the next begins (also over the end of summer time).
    for (let i = 1; i < weeks.length; i++) expect(weeks[i].startMs).toBe(weeks[i - 1].endMs);
  });

  it("counts activities per week and group, ignoring older ones and unknown groups", () => {
    const weeks = lastIsoWeeks(TODAY, 12);
    const rows = [
      { groupId: 1, at: Date.parse("2026-12-01T10:00:00Z") },
      { groupId: 1, at: Date.parse("2026-11-29T22:59:00Z") }, // Sunday 23:59 Berlin: still week 48
      { groupId: 1, at: Date.parse("2026-11-29T23:00:00Z") }, // Monday 00:00 Berlin: week 49
      { groupId: 2, at: Date.parse("2026-09-14T08:00:00Z"), n: 3 },
      { groupId: 2, at: Date.parse("2026-09-01T08:00:00Z") }, // before the 12 weeks
      { groupId: 9, at: Date.parse("2026-12-01T08:00:00Z") }, // not a group on the page
    ];
    const series = weeklyCounts(rows, [1, 2, 3], weeks);
    expect(series.get(1)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
    expect(series.get(2)).toEqual([3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(series.get(3)).toEqual(Array(12).fill(0));
    expect(series.has(9)).toBe(false);
  });
});

describe("milestones", () => {
  const milestones = [
    { id: 1, title: "Bestandsaufnahme", dueDate: "2026-10-01", doneAt: Date.parse("2026-09-30T10:00:00Z") },
    { id: 2, title: "Entwurf der Empfehlung", dueDate: "2026-11-15", doneAt: null },
    { id: 3, title: "Konsultation", dueDate: "2026-12-02", doneAt: null },
    { id: 4, title: "Übergabe", dueDate: "2027-02-01", doneAt: null },
    { id: 5, title: "Abschlussbericht", dueDate: null, doneAt: null },
    { id: 6, title: "Auftakt", dueDate: "2026-11-01", doneAt: Date.parse("2026-11-20T10:00:00Z") },
  ];

  it("counts done of total, finds the next due and the overdue ones at a fixed today", () => {
    const p = milestoneProgress(milestones, TODAY);
    expect(p.done).toBe(2);
    expect(p.total).toBe(6);
    // Due today is not overdue yet; it is the next one due.
    expect(p.nextDue).toEqual({ id: 3, title: "Konsultation", dueDate: "2026-12-02" });
    expect(p.overdue).toEqual([{ id: 2, title: "Entwurf der Empfehlung", dueDate: "2026-11-15" }]);
  });

  it("has no next due when everything is done or undated", () => {
    const p = milestoneProgress([milestones[0], milestones[4]], TODAY);
    expect(p).toEqual({ done: 1, total: 2, nextDue: null, overdue: [] });
    expect(milestoneProgress([], TODAY)).toEqual({ done: 0, total: 0, nextDue: null, overdue: [] });
  });
});

describe("recommendations by status", () => {
  it("counts by status, every status present", () => {
    const counts = countByStatus([{ status: "entwurf" }, { status: "beschlossen" }, { status: "beschlossen" }, { status: "uebergeben", n: 2 }]);
    expect(counts).toEqual({ entwurf: 1, in_konsultation: 0, beschlossen: 2, uebergeben: 2, zurueckgezogen: 0 });
    expect(adoptedCount(counts)).toBe(4);
  });

  const at = (iso: string) => Date.parse(iso);
  const docs: RecommendationHistory[] = [
    // Created in week 47, into consultation in week 48, adopted in week 49.
    {
      createdAt: at("2026-11-17T09:00:00Z"),
      status: "beschlossen",
      changes: [
        { at: at("2026-12-01T09:00:00Z"), from: "in_konsultation", to: "beschlossen" },
        { at: at("2026-11-24T09:00:00Z"), from: "entwurf", to: "in_konsultation" },
      ],
    },
    // Created in week 48, never changed.
    { createdAt: at("2026-11-25T09:00:00Z"), status: "entwurf", changes: [] },
    // Created long ago, handed over in week 46.
    { createdAt: at("2026-06-01T09:00:00Z"), status: "uebergeben", changes: [{ at: at("2026-11-10T09:00:00Z"), from: "beschlossen", to: "uebergeben" }] },
  ];

  it("knows the status a recommendation had at a moment", () => {
    expect(statusAt(docs[0], at("2026-11-16T00:00:00Z"))).toBeNull();
    expect(statusAt(docs[0], at("2026-11-20T00:00:00Z"))).toBe("entwurf");
    expect(statusAt(docs[0], at("2026-11-28T00:00:00Z"))).toBe("in_konsultation");
    expect(statusAt(docs[0], at("2026-12-02T00:00:00Z"))).toBe("beschlossen");
    expect(statusAt(docs[2], at("2026-09-01T00:00:00Z"))).toBe("beschlossen");
  });

  it("counts each status at the end of each week", () => {
    const weeks = lastIsoWeeks(TODAY, 12);
    const series = statusOverTime(docs, weeks);
    const byKey = Object.fromEntries(weeks.map((w, i) => [w.key, series[i]]));
    expect(byKey["2026-W38"]).toEqual({ entwurf: 0, in_konsultation: 0, beschlossen: 1, uebergeben: 0, zurueckgezogen: 0 });
    expect(byKey["2026-W46"]).toEqual({ entwurf: 0, in_konsultation: 0, beschlossen: 0, uebergeben: 1, zurueckgezogen: 0 });
    expect(byKey["2026-W47"]).toEqual({ entwurf: 1, in_konsultation: 0, beschlossen: 0, uebergeben: 1, zurueckgezogen: 0 });
    expect(byKey["2026-W48"]).toEqual({ entwurf: 1, in_konsultation: 1, beschlossen: 0, uebergeben: 1, zurueckgezogen: 0 });
    expect(byKey["2026-W49"]).toEqual({ entwurf: 1, in_konsultation: 0, beschlossen: 1, uebergeben: 1, zurueckgezogen: 0 });
  });
});
