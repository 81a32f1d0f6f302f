/** Classic token bucket; `now` is injectable so tests need not sleep. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Takes `n` if available; otherwise reports how long until it would be. Asks above capacity wait for a full bucket. */
  tryTake(n: number): { ok: true } | { ok: false; retryAfterMs: number } {
    this.refill();
    const need = Math.min(n, this.capacity);
    if (this.tokens >= need) {
      this.tokens -= n;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((need - this.tokens) / this.refillPerSecond) * 1000) };
  }

  /** Adjusts after the fact (negative gives back); the balance may go below zero and then recovers. */
  charge(n: number): void {
    this.refill();
    this.tokens = Math.min(this.capacity, this.tokens - n);
  }

  private refill(): void {
    const t = this.now();
    const elapsed = (t - this.last) / 1000;
    this.last = t;
    if (elapsed > 0) this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.refillPerSecond);
  }
}
