import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { GatewayError, GatewayErrorCode } from './gateway-errors.js';

const retrySchema = z.strictObject({
  /** Extra attempts after the first, on 5xx and connection errors only. */
  attempts: z.number().int().min(0).max(10).default(2),
  baseDelayMs: z.number().int().min(0).default(100),
  maxDelayMs: z.number().int().min(0).default(2000),
  /** Also retry a call that hit `timeoutMs` (off by default: a slow model rarely gets faster). */
  onTimeout: z.boolean().default(false),
});

const breakerSchema = z.strictObject({
  /** Open after this many failures in a row. */
  consecutiveFailures: z.number().int().min(1).default(5),
  /** …or when the failure ratio over `windowMs` reaches this, once `minRequests` calls were seen. */
  errorRate: z.number().gt(0).max(1).default(0.5),
  minRequests: z.number().int().min(1).default(20),
  windowMs: z.number().int().min(100).default(30_000),
  /** Time the breaker stays open before letting a half-open probe through. */
  cooldownMs: z.number().int().min(1).default(10_000),
});

const upstreamSchema = z.strictObject({
  /** OpenAI base URL, e.g. `https://api.openai.com/v1`; the gateway appends `/chat/completions`. */
  url: z.url({ protocol: /^https?$/ }),
  /** Name of the environment variable holding the upstream API key (never the key itself). */
  apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
  timeoutMs: z.number().int().min(1).default(30_000),
  /** Upstream calls in flight at once; more wait in a queue. */
  maxConcurrency: z.number().int().min(1).default(64),
  retry: retrySchema.prefault({}),
  breaker: breakerSchema.prefault({}),
});

const routeSchema = z.strictObject({
  /** Model name the caller (Flink's `'model'` option) sends; `*` matches any. */
  model: z.string().min(1),
  upstream: z.string().min(1),
  /** Model name sent upstream, when it differs from the caller's. */
  upstreamModel: z.string().min(1).optional(),
  fallback: z.strictObject({ upstream: z.string().min(1), model: z.string().min(1).optional() }).optional(),
});

const budgetSchema = z.strictObject({
  requestsPerSecond: z.number().positive().optional(),
  /** Requests allowed in a burst above the steady rate; defaults to `requestsPerSecond`. */
  burst: z.number().positive().optional(),
  tokensPerMinute: z.number().positive().optional(),
});

export const gatewayConfigSchema = z
  .strictObject({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8090),
    redis: z.strictObject({ url: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'), keyPrefix: z.string().default('featc:gw:v1:') }).optional(),
    cache: z
      .strictObject({
        enabled: z.boolean().default(true),
        ttlSeconds: z.number().int().positive().optional(),
        /** When Redis fails: `reject` answers 503 (the caller retries, no paid call is made), `bypass` calls the model uncached. */
        onError: z.enum(['reject', 'bypass']).default('reject'),
      })
      .prefault({}),
    coalesce: z.boolean().default(true),
    embeddingBatch: z
      .strictObject({ enabled: z.boolean().default(true), maxBatchSize: z.number().int().min(1).max(2048).default(64), maxWaitMs: z.number().int().min(0).default(5) })
      .prefault({}),
    upstreams: z.record(z.string().min(1), upstreamSchema),
    routes: z.array(routeSchema).default([]),
    /** Budgets per step name; `*` applies to every step not listed (each step gets its own buckets). */
    budgets: z.record(z.string().min(1), budgetSchema).default({}),
    stepHeader: z.string().min(1).default('x-featc-step'),
    shutdownGraceMs: z.number().int().min(0).default(10_000),
  })
  .superRefine((cfg, ctx) => {
    if (Object.keys(cfg.upstreams).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['upstreams'], message: 'at least one upstream is required' });
    }
    cfg.routes.forEach((route, i) => {
      if (!(route.upstream in cfg.upstreams)) {
        ctx.addIssue({ code: 'custom', path: ['routes', i, 'upstream'], message: `unknown upstream "${route.upstream}"` });
      }
      if (route.fallback && !(route.fallback.upstream in cfg.upstreams)) {
        ctx.addIssue({ code: 'custom', path: ['routes', i, 'fallback', 'upstream'], message: `unknown upstream "${route.fallback.upstream}"` });
      }
    });
  });

export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
export type UpstreamConfig = z.output<typeof upstreamSchema>;
export type RouteConfig = z.output<typeof routeSchema>;
export type BudgetConfig = z.output<typeof budgetSchema>;
export type BreakerConfig = z.output<typeof breakerSchema>;

/** Validates a config object; every problem is reported at once under FEATC_E5001. */
export function parseGatewayConfig(input: unknown, source = 'gateway config'): GatewayConfig {
  const result = gatewayConfigSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new GatewayError(
      GatewayErrorCode.configInvalid,
      `${source} is invalid:\n${lines.join('\n')}`,
      'see "Config format" in runtime/inference-gateway/README.md; upstream urls look like http://127.0.0.1:9000/v1',
    );
  }
  const cfg = result.data;
  if (cfg.routes.length === 0) {
    const names = Object.keys(cfg.upstreams);
    const only = names.length === 1 ? names[0] : undefined;
    if (only === undefined) {
      throw new GatewayError(GatewayErrorCode.configInvalid, `${source} has ${names.length} upstreams and no routes`, 'add routes: [{ "model": "*", "upstream": "<name>" }]');
    }
    cfg.routes = [{ model: '*', upstream: only }];
  }
  return cfg;
}

export interface GatewayCliOverrides {
  config?: string;
  port?: number;
  host?: string;
  /** Upstream base URL; becomes (or replaces) the upstream named `default`. */
  upstream?: string;
  redis?: string;
}

/** Reads the optional JSON config file and applies command-line overrides on top. */
export async function loadGatewayConfig(overrides: GatewayCliOverrides): Promise<GatewayConfig> {
  let raw: Record<string, unknown> = {};
  if (overrides.config !== undefined) {
    let text: string;
    try {
      text = await readFile(overrides.config, 'utf8');
    } catch (err) {
      throw new GatewayError(GatewayErrorCode.configUnreadable, `cannot read ${overrides.config}: ${(err as Error).message}`, 'pass --config with a readable JSON file');
    }
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw new GatewayError(GatewayErrorCode.configUnreadable, `${overrides.config} is not JSON: ${(err as Error).message}`, 'the gateway config is a JSON object');
    }
  }
  if (overrides.port !== undefined) raw.port = overrides.port;
  if (overrides.host !== undefined) raw.host = overrides.host;
  if (overrides.redis !== undefined) raw.redis = { ...(raw.redis as object | undefined), url: overrides.redis };
  if (overrides.upstream !== undefined) {
    const upstreams = (raw.upstreams ?? {}) as Record<string, Record<string, unknown>>;
    raw.upstreams = { ...upstreams, default: { ...upstreams.default, url: overrides.upstream } };
  }
  if (raw.upstreams === undefined) {
    throw new GatewayError(GatewayErrorCode.configInvalid, 'no upstream model server configured', 'pass --upstream http://host:port/v1 or a --config file with "upstreams"');
  }
  return parseGatewayConfig(raw, overrides.config ?? 'gateway options');
}
