import { describe, expect, it } from "vitest";
import { countUnread, dividerBeforeId, firstUnreadId, isUnread, nextReadMark, type UnreadPost } from "../../app/threads/unread";

/** The unread rules of a thread (app/threads/unread.ts); the models apply the same rules in SQL. */

const ME = 7;
const post = (id: number, authorId: number | null = 1, extra: Partial<UnreadPost> = {}): UnreadPost => ({ id, authorId, deleted: false, hidden: false, ...extra });

describe("isUnread", () => {
  it("is unread above the read mark, by someone else, neither deleted nor hidden", () => {
    expect(isUnread(post(11), ME, 10)).toBe(true);
    expect(isUnread(post(10), ME, 10)).toBe(false);
    expect(isUnread(post(11, ME), ME, 10)).toBe(false);
    expect(isUnread(post(11, 1, { deleted: true }), ME, 10)).toBe(false);
    expect(isUnread(post(11, 1, { hidden: true }), ME, 10)).toBe(false);
  });

  it("a thread never opened counts everything others wrote; posts of former members count too", () => {
    expect(isUnread(post(1), ME, null)).toBe(true);
    expect(isUnread(post(1, null), ME, null)).toBe(true);
  });
});

describe("counts and the first unread post", () => {
  const thread = [post(1), post(2, ME), post(3), post(4, 1, { deleted: true }), post(5), post(6, 2, { hidden: true })];

  it("counts per thread", () => {
    expect(countUnread(thread, ME, null)).toBe(3);
    expect(countUnread(thread, ME, 2)).toBe(2);
    expect(countUnread(thread, ME, 5)).toBe(0);
    expect(countUnread([], ME, null)).toBe(0);
  });

  it("finds the first unread post in thread order, whatever order the list is in", () => {
    expect(firstUnreadId(thread, ME, 1)).toBe(3);
    expect(firstUnreadId([...thread].reverse(), ME, 1)).toBe(3);
    expect(firstUnreadId(thread, ME, 5)).toBeNull();
  });
});

describe("the read mark", () => {
  it("only moves forward", () => {
    expect(nextReadMark(null, 5)).toBe(5);
    expect(nextReadMark(10, 5)).toBe(10);
    expect(nextReadMark(10, 12)).toBe(12);
    expect(nextReadMark(10, null)).toBe(10);
    expect(nextReadMark(null, null)).toBeNull();
  });
});

describe("the divider 'neu seit Ihrem letzten Besuch'", () => {
  const page = [post(20), post(21, ME), post(22), post(23)];

  it("goes before the first unread post of the page for someone who was here before", () => {
    expect(dividerBeforeId(page, ME, 21)).toBe(22);
    expect(dividerBeforeId(page, ME, 19)).toBe(20);
  });

  it("is absent on a first visit and when nothing on the page is new", () => {
    expect(dividerBeforeId(page, ME, null)).toBeNull();
    expect(dividerBeforeId(page, ME, 23)).toBeNull();
    expect(dividerBeforeId([post(30, ME)], ME, 10)).toBeNull();
  });
});
