import { defineCodes } from '../../common/error-codes.js';

/**
 * FEATC_E5xxx: the inference gateway. E500x its config, E501x requests, E502x step budgets, E503x
 * upstream model servers, E504x the response cache, E505x its lifecycle, E509x its own bugs. Thrown as
 * GatewayErrors (gateway-errors.ts, named there by GatewayErrorCode), which also carry the HTTP status.
 */
export const gatewayCodes = defineCodes({
  FEATC_E5001: { kind: 'user', summary: 'the gateway config is invalid (upstreams, routes, budgets, cache)', hint: 'see "Config format" in runtime/inference-gateway/README.md; upstream urls look like http://127.0.0.1:9000/v1' },
  FEATC_E5002: { kind: 'user', summary: 'the gateway config file cannot be read or is not JSON', hint: 'pass --config with a readable JSON file' },
  FEATC_E5010: { kind: 'user', summary: 'the request is invalid: unknown route, body not JSON or not of the OpenAI shape, or too large (HTTP 400/404/413)', hint: 'see the OpenAI API reference for this endpoint' },
  FEATC_E5011: { kind: 'infra', summary: 'no route for the requested model (HTTP 404)', hint: 'add { "model": "<model>", "upstream": "<name>" } (or "*") to routes in the gateway config' },
  FEATC_E5012: { kind: 'infra', summary: 'streaming (stream: true) is not supported by the gateway (HTTP 400)', hint: 'send non-streaming requests (Flink\'s ML_PREDICT does)' },
  FEATC_E5020: { kind: 'infra', summary: 'the step is over its request budget (HTTP 429)', hint: 'retry after the time given, or raise budgets.<step> in the gateway config' },
  FEATC_E5021: { kind: 'infra', summary: 'the step is over its token budget (HTTP 429)', hint: 'retry after the time given, or raise budgets.<step> in the gateway config' },
  FEATC_E5030: { kind: 'infra', summary: 'the upstream model server failed: unreachable, an error status, or an answer that does not fit the request (HTTP 502)', hint: 'check that the model server is running and the url is right; the caller may retry' },
  FEATC_E5031: { kind: 'infra', summary: 'the upstream model server did not answer in time (HTTP 504)', hint: 'raise upstreams.<name>.timeoutMs or check the model server\'s latency' },
  FEATC_E5032: { kind: 'infra', summary: 'the circuit breaker of the upstream is open after repeated failures (HTTP 503)', hint: 'a probe is let through after the time given; configure a route fallback to keep answering meanwhile' },
  FEATC_E5040: { kind: 'infra', summary: 'the response cache (Redis) is unavailable (HTTP 503)', hint: 'start Redis (featc local up) or pass --redis redis://host:port; or set cache.onError to "bypass"' },
  FEATC_E5050: { kind: 'infra', summary: 'the gateway is shutting down (HTTP 503)', hint: 'retry against another gateway instance' },
  FEATC_E5090: { kind: 'internal', summary: 'internal gateway error: a failure that is featc\'s own bug (HTTP 500)', hint: 'this is a bug in featc; please report it with the request' },
});

export type GatewayCode = keyof typeof gatewayCodes;

declare module '../../common/error-codes.js' {
  interface FeatcCodeRegistry { gateway: typeof gatewayCodes }
}
