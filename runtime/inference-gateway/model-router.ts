import type { GatewayConfig, RouteConfig } from './gateway-config.js';
import { GatewayError, GatewayErrorCode, UpstreamHttpError } from './gateway-errors.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import { Upstream, type UpstreamAnswer, type UpstreamEndpoint } from './upstream-client.js';

export interface RoutedAnswer extends UpstreamAnswer {
  /** True when the route's fallback answered because the primary failed or its breaker is open. */
  fallback: boolean;
}

/** Failures a fallback may paper over: the primary is unhealthy, not the request wrong. */
function fallbackEligible(err: unknown): boolean {
  if (err instanceof UpstreamHttpError) return err.status === 429 || err.status >= 500;
  if (err instanceof GatewayError) {
    return err.code === GatewayErrorCode.upstreamFailed || err.code === GatewayErrorCode.upstreamTimeout || err.code === GatewayErrorCode.circuitOpen;
  }
  return false;
}

/** Maps a caller's model name to its route and calls primary, then fallback. */
export class ModelRouter {
  readonly upstreams = new Map<string, Upstream>();

  constructor(
    private readonly cfg: GatewayConfig,
    private readonly metrics: GatewayMetrics,
    now: () => number = Date.now,
  ) {
    for (const [name, upstreamCfg] of Object.entries(cfg.upstreams)) this.upstreams.set(name, new Upstream(name, upstreamCfg, metrics, now));
  }

  route(model: string): RouteConfig {
    const route = this.cfg.routes.find((r) => r.model === model) ?? this.cfg.routes.find((r) => r.model === '*');
    if (!route) {
      throw new GatewayError(GatewayErrorCode.noRoute, `no route for model "${model}"`, `add { "model": "${model}", "upstream": "<name>" } (or "*") to routes in the gateway config`, 404);
    }
    return route;
  }

  async call(model: string, endpoint: UpstreamEndpoint, body: Record<string, unknown>, authorization?: string): Promise<RoutedAnswer> {
    const route = this.route(model);
    const primaryModel = route.upstreamModel ?? model;
    try {
      const answer = await this.upstream(route.upstream).post(endpoint, { ...body, model: primaryModel }, authorization);
      return { ...answer, fallback: false };
    } catch (err) {
      if (!route.fallback || !fallbackEligible(err)) throw err;
      const answer = await this.upstream(route.fallback.upstream).post(endpoint, { ...body, model: route.fallback.model ?? primaryModel }, authorization);
      this.metrics.fallbacks.inc({ route: route.model, upstream: route.fallback.upstream });
      return { ...answer, fallback: true };
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.upstreams.values()].map((u) => u.close()));
  }

  private upstream(name: string): Upstream {
    const upstream = this.upstreams.get(name);
    if (!upstream) throw new GatewayError(GatewayErrorCode.configInvalid, `route refers to unknown upstream "${name}"`, 'fix routes in the gateway config', 500);
    return upstream;
  }
}
