/**
 * Counts failed logins per e-mail and per client address in a sliding window; past the limit
 * the login answers 429 until the window has passed. In memory on purpose: it slows guessing
 * on one instance; it is not a concurrency guarantee, so it need not live in PostgreSQL.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  isBlocked(keys: string[]): boolean {
    return keys.some((k) => this.recent(k).length >= this.maxFailures);
  }

  recordFailure(keys: string[]): void {
    for (const k of keys) {
      const list = this.recent(k);
      list.push(this.now());
      this.failures.set(k, list);
    }
    if (this.failures.size > 100_000) this.prune();
  }

  reset(keys: string[]): void {
    for (const k of keys) this.failures.delete(k);
  }

  /** Seconds until the oldest failure in the window expires. */
  retryAfterSeconds(keys: string[]): number {
    const oldest = Math.min(...keys.map((k) => this.recent(k)[0] ?? this.now()));
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > cutoff);
  }

  private prune(): void {
    for (const k of [...this.failures.keys()]) if (this.recent(k).length === 0) this.failures.delete(k);
  }
}
