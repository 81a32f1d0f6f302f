import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { BREAKER_STATE_VALUE, CircuitBreaker } from './circuit-breaker.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';
import type { UpstreamConfig } from './gateway-config.js';
import { GatewayError, GatewayErrorCode, UpstreamHttpError } from './gateway-errors.js';
import type { GatewayMetrics } from './gateway-metrics.js';

export type UpstreamEndpoint = 'chat/completions' | 'embeddings';

export interface UpstreamAnswer {
  upstream: string;
  /** Raw response text, exactly as the upstream sent it. */
  text: string;
  json: unknown;
}

type Attempt =
  | { kind: 'ok'; text: string; json: unknown }
  | { kind: 'http'; status: number; text: string; retryAfter: string | undefined }
  | { kind: 'timeout' }
  | { kind: 'connection'; message: string };

const trim = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** One upstream model server: HTTP client (undici), concurrency limit, retries and circuit breaker. */
export class Upstream {
  readonly breaker: CircuitBreaker;
  readonly limiter: ConcurrencyLimiter;
  private readonly agent: Agent;
  private readonly base: string;

  constructor(
    readonly name: string,
    private readonly cfg: UpstreamConfig,
    private readonly metrics: GatewayMetrics,
    now: () => number = Date.now,
  ) {
    this.base = cfg.url.replace(/\/+$/, '');
    this.limiter = new ConcurrencyLimiter(cfg.maxConcurrency);
    this.agent = new Agent({ connections: cfg.maxConcurrency, keepAliveTimeout: 10_000, pipelining: 1 });
    this.breaker = new CircuitBreaker(cfg.breaker, (state) => metrics.breakerState.set({ upstream: name }, BREAKER_STATE_VALUE[state]), now);
    metrics.breakerState.set({ upstream: name }, 0);
  }

  /**
   * POSTs `payload` to `<url>/<endpoint>`. Retries 5xx and connection errors with exponential
   * backoff; 4xx other than 429 are the caller's fault, passed through and do not trip the breaker.
   */
  async post(endpoint: UpstreamEndpoint, payload: unknown, clientAuthorization?: string): Promise<UpstreamAnswer> {
    if (!this.breaker.tryAcquire()) {
      const retryAfterSeconds = Math.max(1, Math.ceil(this.breaker.retryAfterMs() / 1000));
      throw new GatewayError(GatewayErrorCode.circuitOpen, `circuit breaker for upstream "${this.name}" is open`, `the upstream failed repeatedly; a probe is let through in ${retryAfterSeconds}s. Configure a route fallback to keep answering meanwhile`, 503, { 'retry-after': String(retryAfterSeconds) });
    }
    const body = JSON.stringify(payload);
    const authorization = this.authorization(clientAuthorization);
    let settled = false;
    try {
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) {
          this.metrics.retries.inc({ upstream: this.name });
          await sleep(this.backoffMs(attempt));
        }
        const outcome = await this.limiter.run(() => this.attempt(endpoint, body, authorization));
        if (outcome.kind === 'ok') {
          settled = true;
          this.breaker.onSuccess();
          return { upstream: this.name, text: outcome.text, json: outcome.json };
        }
        if (outcome.kind === 'http' && outcome.status < 500 && outcome.status !== 429) {
          settled = true;
          this.breaker.onSuccess();
          throw new UpstreamHttpError(this.name, outcome.status, outcome.text, outcome.retryAfter);
        }
        const retryable = (outcome.kind === 'http' && outcome.status >= 500) || outcome.kind === 'connection' || (outcome.kind === 'timeout' && this.cfg.retry.onTimeout);
        if (!retryable || attempt >= this.cfg.retry.attempts) {
          settled = true;
          this.breaker.onFailure();
          throw this.finalError(outcome);
        }
      }
    } finally {
      if (!settled) this.breaker.onFailure();
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async attempt(endpoint: UpstreamEndpoint, body: string, authorization: string | undefined): Promise<Attempt> {
    const started = performance.now();
    const signal = AbortSignal.timeout(this.cfg.timeoutMs);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (authorization !== undefined) headers.authorization = authorization;
    let outcome: Attempt;
    let statusLabel: string;
    try {
      const res = await request(`${this.base}/${endpoint}`, { method: 'POST', body, headers, signal, dispatcher: this.agent });
      const text = await res.body.text();
      statusLabel = String(res.statusCode);
      if (res.statusCode >= 200 && res.statusCode < 300) {
        let json: unknown;
        try {
          json = JSON.parse(text) as unknown;
        } catch {
          json = undefined;
        }
        outcome = json === undefined ? { kind: 'http', status: 502, text: `upstream sent non-JSON: ${trim(text)}`, retryAfter: undefined } : { kind: 'ok', text, json };
      } else {
        const retryAfter = res.headers['retry-after'];
        outcome = { kind: 'http', status: res.statusCode, text, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter };
      }
    } catch (err) {
      outcome = signal.aborted ? { kind: 'timeout' } : { kind: 'connection', message: (err as Error).message };
      statusLabel = outcome.kind;
    }
    this.metrics.upstreamDuration.observe({ upstream: this.name }, (performance.now() - started) / 1000);
    this.metrics.upstreamRequests.inc({ upstream: this.name, status: statusLabel });
    if (outcome.kind !== 'ok') {
      const reason = outcome.kind === 'http' ? (outcome.status === 429 ? 'http_429' : outcome.status >= 500 ? 'http_5xx' : 'http_4xx') : outcome.kind;
      this.metrics.upstreamErrors.inc({ upstream: this.name, reason });
    }
    return outcome;
  }

  private finalError(outcome: Exclude<Attempt, { kind: 'ok' }>): Error {
    switch (outcome.kind) {
      case 'http':
        if (outcome.status === 429) return new UpstreamHttpError(this.name, 429, outcome.text, outcome.retryAfter);
        return new GatewayError(GatewayErrorCode.upstreamFailed, `upstream "${this.name}" answered HTTP ${outcome.status}: ${trim(outcome.text)}`, 'check the model server; the caller may retry', 502);
      case 'timeout':
        return new GatewayError(GatewayErrorCode.upstreamTimeout, `upstream "${this.name}" did not answer within ${this.cfg.timeoutMs} ms`, `raise upstreams.${this.name}.timeoutMs or check the model server's latency`, 504);
      case 'connection':
        return new GatewayError(GatewayErrorCode.upstreamFailed, `cannot reach upstream "${this.name}" at ${this.base}: ${outcome.message}`, 'check that the model server is running and the url is right', 502);
    }
  }

  private authorization(clientAuthorization: string | undefined): string | undefined {
    if (this.cfg.apiKeyEnv === undefined) return clientAuthorization;
    const key = process.env[this.cfg.apiKeyEnv];
    return key === undefined ? clientAuthorization : `Bearer ${key}`;
  }

  private backoffMs(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.cfg.retry;
    const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return Math.round(exp * (0.5 + Math.random() * 0.5));
  }
}
