import { seededRandom } from './deterministic-answers.js';

export type InjectedFailure = { status: number; kind: 'http' } | { kind: 'reset' };

/**
 * Decides whether a model call fails: "down" first, then an explicit "fail next N", then a seeded
 * random rate. Statuses are HTTP codes (500, 429, 503…); `reset` destroys the socket instead.
 */
export class FailureInjector {
  private readonly random: () => number;
  private down: InjectedFailure | undefined;
  private pending: InjectedFailure[] = [];

  constructor(
    private rate: number,
    private readonly rateStatuses: readonly number[],
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  setRate(rate: number): void {
    this.rate = rate;
  }

  /** The next `n` model calls fail with `status` (or a connection reset). */
  failNext(n: number, status: number | 'reset' = 500): void {
    const failure: InjectedFailure = status === 'reset' ? { kind: 'reset' } : { kind: 'http', status };
    for (let i = 0; i < n; i++) this.pending.push(failure);
  }

  /** While down, every model call fails (HTTP 503 by default). `false` brings the model back. */
  setDown(down: boolean | number | 'reset'): void {
    if (down === false) this.down = undefined;
    else if (down === true) this.down = { kind: 'http', status: 503 };
    else this.down = down === 'reset' ? { kind: 'reset' } : { kind: 'http', status: down };
  }

  isDown(): boolean {
    return this.down !== undefined;
  }

  clear(): void {
    this.pending = [];
    this.down = undefined;
  }

  next(): InjectedFailure | undefined {
    if (this.down) return this.down;
    const queued = this.pending.shift();
    if (queued) return queued;
    if (this.rate > 0 && this.random() < this.rate) {
      const status = this.rateStatuses[Math.floor(this.random() * this.rateStatuses.length)] ?? 500;
      return { kind: 'http', status };
    }
    return undefined;
  }
}
