import type { BreakerConfig } from './gateway-config.js';

export type BreakerState = 'closed' | 'open' | 'half_open';

/** Numeric encoding used by the `featc_gateway_breaker_state` gauge. */
export const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

const SLOTS = 10;

/**
 * Per-upstream circuit breaker. A failure is a call that still failed after its retries (5xx,
 * 429, connection error, timeout). Opens on `consecutiveFailures` in a row or on `errorRate` over a
 * sliding window; after `cooldownMs` one probe is let through (half-open); its outcome closes or
 * re-opens the breaker.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private consecutive = 0;
  private openedAt = 0;
  private probeInFlight = false;
  private readonly slots = Array.from({ length: SLOTS }, () => ({ start: 0, ok: 0, failed: 0 }));

  constructor(
    private readonly cfg: BreakerConfig,
    private readonly onChange: (state: BreakerState) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.cfg.cooldownMs) this.transition('half_open');
    return this.current;
  }

  /** Milliseconds until a half-open probe will be allowed (0 when not open). */
  retryAfterMs(): number {
    return this.state === 'open' ? Math.max(0, this.cfg.cooldownMs - (this.now() - this.openedAt)) : 0;
  }

  /** May a call go to this upstream now? In half-open state only one probe at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  onSuccess(): void {
    this.record(true);
    this.consecutive = 0;
    if (this.current === 'half_open') {
      this.probeInFlight = false;
      this.resetWindow();
      this.transition('closed');
    }
  }

  onFailure(): void {
    this.record(false);
    this.consecutive++;
    if (this.current === 'half_open') {
      this.probeInFlight = false;
      this.open();
      return;
    }
    if (this.current === 'closed' && (this.consecutive >= this.cfg.consecutiveFailures || this.errorRateExceeded())) this.open();
  }

  private errorRateExceeded(): boolean {
    const since = this.now() - this.cfg.windowMs;
    let ok = 0;
    let failed = 0;
    for (const slot of this.slots) {
      if (slot.start > since) {
        ok += slot.ok;
        failed += slot.failed;
      }
    }
    return ok + failed >= this.cfg.minRequests && failed / (ok + failed) >= this.cfg.errorRate;
  }

  private record(ok: boolean): void {
    const width = Math.max(1, Math.floor(this.cfg.windowMs / SLOTS));
    const start = Math.floor(this.now() / width) * width;
    const slot = this.slots[(start / width) % SLOTS];
    if (!slot) return;
    if (slot.start !== start) Object.assign(slot, { start, ok: 0, failed: 0 });
    if (ok) slot.ok++;
    else slot.failed++;
  }

  private resetWindow(): void {
    for (const slot of this.slots) Object.assign(slot, { start: 0, ok: 0, failed: 0 });
  }

  private open(): void {
    this.openedAt = this.now();
    this.consecutive = 0;
    this.transition('open');
  }

  private transition(next: BreakerState): void {
    if (next === this.current) return;
    this.current = next;
    this.onChange(next);
  }
}
