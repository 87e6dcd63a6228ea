import { describe, expect, it } from "vitest";
import { ByteBudgetLru } from "../../app/server/http/byte-budget-lru.server";

const page = (bytes: number, expiresAt = 1_000) => ({ bytes, expiresAt });

describe("ByteBudgetLru", () => {
  it("evicts the least recently used entries until the new one fits the byte budget", () => {
    const lru = new ByteBudgetLru(100);
    lru.set("a", page(40), 0);
    lru.set("b", page(40), 0);
    expect(lru.get("a", 0)).toBeDefined(); // a is now more recent than b
    lru.set("c", page(40), 0);
    expect(lru.get("b", 0)).toBeUndefined();
    expect(lru.get("a", 0)).toBeDefined();
    expect(lru.get("c", 0)).toBeDefined();
    expect(lru.bytesUsed).toBe(80);
  });

  it("evicts as many entries as a large one needs", () => {
    const lru = new ByteBudgetLru(100);
    for (const key of ["a", "b", "c", "d"]) lru.set(key, page(25), 0);
    lru.set("big", page(70), 0);
    expect(lru.size).toBe(2);
    expect(lru.get("d", 0)).toBeDefined();
    expect(lru.bytesUsed).toBe(95);
  });

  it("refuses an entry larger than the whole budget and keeps what it has", () => {
    const lru = new ByteBudgetLru(100);
    lru.set("a", page(60), 0);
    expect(lru.set("huge", page(101), 0)).toBe(false);
    expect(lru.get("a", 0)).toBeDefined();
    expect(lru.bytesUsed).toBe(60);
  });

  it("replacing a key counts its bytes once", () => {
    const lru = new ByteBudgetLru(100);
    lru.set("a", page(60), 0);
    lru.set("a", page(30), 0);
    expect(lru.bytesUsed).toBe(30);
    expect(lru.size).toBe(1);
  });

  it("does not return an expired entry and frees its bytes", () => {
    const lru = new ByteBudgetLru(100);
    lru.set("a", page(50, 60_000), 0);
    expect(lru.get("a", 59_999)).toBeDefined();
    expect(lru.get("a", 60_000)).toBeUndefined();
    expect(lru.bytesUsed).toBe(0);
  });

  it("drops expired entries at the cold end when storing, before evicting fresh ones", () => {
    const lru = new ByteBudgetLru(100);
    lru.set("old", page(40, 60_000), 0);
    lru.set("fresh", page(40, 120_000), 0);
    lru.set("new", page(10, 180_000), 70_000);
    expect(lru.size).toBe(2);
    expect(lru.bytesUsed).toBe(50);
    expect(lru.get("fresh", 70_000)).toBeDefined();
  });
});
