import { describe, expect, it } from "vitest";
import { planSearch } from "~/search/plan";

const corpus = { posts: 1_000_000, others: 3_000 };
const sample = (perWord: number[], all: number) => ({ rows: 500, perWord, all });

describe("search plan", () => {
  it("looks up a rare word in the index", () => {
    expect(planSearch(["grundsteuerbescheid"], sample([1], 1), corpus, 1_000)).toEqual({ via: "index", indexed: ["grundsteuerbescheid"], verified: [] });
  });

  it("reads the newest rows for a word in half of all posts", () => {
    expect(planSearch(["fach"], sample([250], 250), corpus, 1_000)).toEqual({ via: "scan", verified: ["fach"] });
  });

  it("puts the rare word into MATCH and checks a very common one on its rows", () => {
    const plan = planSearch(["buerger", "datenleistung"], sample([175, 0], 0), corpus, 1_000);
    expect(plan).toEqual({ via: "index", indexed: ["datenleistung"], verified: ["buerger"] });
  });

  it("never scans everything for words that were not seen together", () => {
    const plan = planSearch(["pilotkommunen", "sommerpause"], sample([50, 50], 0), corpus, 1_000);
    expect(plan.via).toBe("index");
  });

  it("asks the index for every word when all are rare", () => {
    const plan = planSearch(["zugang", "rathaus"], sample([1, 1], 0), corpus, 1_000);
    expect(plan).toMatchObject({ via: "index", verified: [] });
    expect(plan.via === "index" && [...plan.indexed].sort()).toEqual(["rathaus", "zugang"]);
  });

  it("has nothing to plan without words", () => {
    expect(planSearch([], sample([], 0), corpus, 1_000)).toEqual({ via: "scan", verified: [] });
  });
});
