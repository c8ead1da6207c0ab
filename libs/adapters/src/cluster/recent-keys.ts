/** Keys seen lately (at most `max`, each for `ttlMs`): answers whether a key is new. */
export class RecentKeys {
  private readonly keys = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the key; false when it was seen already. */
  add(key: string): boolean {
    const t = this.now();
    this.expire(t);
    if (this.keys.has(key)) return false;
    this.keys.set(key, t);
    if (this.keys.size > this.max) {
      const [oldest] = this.keys.keys();
      this.keys.delete(oldest);
    }
    return true;
  }

  has(key: string): boolean {
    this.expire(this.now());
    return this.keys.has(key);
  }

  get size(): number {
    return this.keys.size;
  }

  private expire(t: number): void {
    for (const [key, at] of this.keys) {
      if (t - at < this.ttlMs) break;
      this.keys.delete(key);
    }
  }
}
