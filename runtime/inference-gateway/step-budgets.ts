import type { BudgetConfig } from './gateway-config.js';
import { GatewayError, GatewayErrorCode } from './gateway-errors.js';
import { TokenBucket } from './token-bucket.js';

interface StepBuckets {
  requests: TokenBucket | undefined;
  tokens: TokenBucket | undefined;
}

/**
 * Per-step request-rate and token-rate budgets. Only calls that would reach a paid upstream are
 * admitted here: cache hits and coalesced waiters cost nothing and are never throttled, so a Flink
 * replay after failover is served at full speed.
 */
export class StepBudgets {
  private readonly buckets = new Map<string, StepBuckets>();

  constructor(
    private readonly budgets: Record<string, BudgetConfig>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reserves one request and `estimatedTokens`; throws a 429 GatewayError with Retry-After when over budget. */
  admit(step: string, estimatedTokens: number): void {
    const b = this.bucketsFor(step);
    if (b.tokens) {
      const avail = b.tokens.available();
      if (avail < Math.min(estimatedTokens, b.tokens.capacity)) {
        const waitMs = ((Math.min(estimatedTokens, b.tokens.capacity) - avail) / b.tokens.refillPerSecond) * 1000;
        throw this.overBudget(GatewayErrorCode.budgetTokens, step, 'tokens/min', b.tokens.capacity, waitMs);
      }
    }
    if (b.requests) {
      const taken = b.requests.tryTake(1);
      if (!taken.ok) throw this.overBudget(GatewayErrorCode.budgetRequests, step, 'requests/s', b.requests.refillPerSecond, taken.retryAfterMs);
    }
    b.tokens?.charge(estimatedTokens);
  }

  /** Replaces the reservation with the real token count from the upstream's `usage`. */
  settle(step: string, reservedTokens: number, actualTokens: number): void {
    this.bucketsFor(step).tokens?.charge(actualTokens - reservedTokens);
  }

  private overBudget(code: typeof GatewayErrorCode.budgetRequests | typeof GatewayErrorCode.budgetTokens, step: string, unit: string, limit: number, waitMs: number): GatewayError {
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new GatewayError(code, `step "${step}" is over its budget of ${limit} ${unit}`, `retry after ${retryAfterSeconds}s or raise budgets.${step} in the gateway config`, 429, {
      'retry-after': String(retryAfterSeconds),
      'retry-after-ms': String(Math.max(1, Math.ceil(waitMs))),
    });
  }

  private bucketsFor(step: string): StepBuckets {
    let b = this.buckets.get(step);
    if (!b) {
      const cfg = this.budgets[step] ?? this.budgets['*'] ?? {};
      b = {
        requests: cfg.requestsPerSecond === undefined ? undefined : new TokenBucket(cfg.burst ?? cfg.requestsPerSecond, cfg.requestsPerSecond, this.now),
        tokens: cfg.tokensPerMinute === undefined ? undefined : new TokenBucket(cfg.tokensPerMinute, cfg.tokensPerMinute / 60, this.now),
      };
      this.buckets.set(step, b);
    }
    return b;
  }
}
