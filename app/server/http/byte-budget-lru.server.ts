/** What the cache needs to know about a value: how much memory it holds and until when it is good. */
export type Budgeted = { bytes: number; expiresAt: number };

/**
 * A least-recently-used map bounded by bytes, not by entry count: cached pages
 * range from a few KB (home) to hundreds of KB (a long group list), so a count
 * says nothing about memory. Map keeps insertion order, and a read re-inserts,
 * so the first key is always the least recently used one.
 */
export class ByteBudgetLru<V extends Budgeted> {
  private readonly entries = new Map<string, V>();
  private used = 0;

  constructor(readonly budgetBytes: number) {}

  /** The value if present and not expired at `now`; an expired one is dropped. */
  get(key: string, now: number): V | undefined {
    const value = this.entries.get(key);
    if (!value) return undefined;
    this.remove(key, value);
    if (value.expiresAt <= now) return undefined;
    this.entries.set(key, value);
    this.used += value.bytes;
    return value;
  }

  /** Stores a value, evicting expired and then least recently used ones to stay within the budget. */
  set(key: string, value: V, now: number): boolean {
    // One value larger than the whole budget would only empty the cache for nothing.
    if (value.bytes > this.budgetBytes) return false;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    this.dropExpiredFromOldest(now);
    while (this.used + value.bytes > this.budgetBytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, V];
      this.remove(oldestKey, oldest);
    }
    this.entries.set(key, value);
    this.used += value.bytes;
    return true;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytesUsed(): number {
    return this.used;
  }

  // Keys carry a time bucket, so expired entries are never asked for again:
  // free them as soon as they reach the cold end instead of waiting for the budget.
  private dropExpiredFromOldest(now: number): void {
    for (const [key, value] of this.entries) {
      if (value.expiresAt > now) break;
      this.remove(key, value);
    }
  }

  private remove(key: string, value: V): void {
    this.entries.delete(key);
    this.used -= value.bytes;
  }
}
