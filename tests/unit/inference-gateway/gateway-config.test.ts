import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { GatewayError, loadGatewayConfig, parseGatewayConfig } from '../../../runtime/inference-gateway/index.js';

function codeOf(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected a GatewayError');
}

describe('gateway config', () => {
  it('fills defaults and routes everything to a single upstream', () => {
    const cfg = parseGatewayConfig({ upstreams: { main: { url: 'http://127.0.0.1:9000/v1' } } });
    expect(cfg.routes).toEqual([{ model: '*', upstream: 'main' }]);
    expect(cfg.upstreams.main?.retry).toEqual({ attempts: 2, baseDelayMs: 100, maxDelayMs: 2000, onTimeout: false });
    expect(cfg.upstreams.main?.breaker.consecutiveFailures).toBe(5);
    expect(cfg.embeddingBatch).toEqual({ enabled: true, maxBatchSize: 64, maxWaitMs: 5 });
    expect(cfg.cache).toEqual({ enabled: true, onError: 'reject' });
  });

  it('reports every problem at once, with a code, the path and a hint', () => {
    const err = codeOf(() =>
      parseGatewayConfig({
        port: -1,
        upstreams: { a: { url: 'ftp://x', timeoutMs: 0 } },
        routes: [{ model: 'm', upstream: 'nope', fallback: { upstream: 'ghost' } }],
        budgets: { s: { requestsPerSecond: -5 } },
        surprise: true,
      }),
    );
    expect(err.code).toBe('FEATC_E5001');
    const text = err.format();
    for (const fragment of ['at port', 'at upstreams.a.url', 'at upstreams.a.timeoutMs', 'at routes.0.upstream: unknown upstream "nope"', 'at routes.0.fallback.upstream', 'at budgets.s.requestsPerSecond', 'surprise', 'hint:']) {
      expect(text).toContain(fragment);
    }
  });

  it('needs routes when there are several upstreams', () => {
    const err = codeOf(() => parseGatewayConfig({ upstreams: { a: { url: 'http://a/v1' }, b: { url: 'http://b/v1' } } }));
    expect(err.message).toContain('no routes');
  });

  it('loads a JSON file and applies command-line overrides', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'featc-gw-'));
    const file = join(dir, 'gateway.json');
    await writeFile(file, JSON.stringify({ port: 1234, upstreams: { default: { url: 'http://127.0.0.1:1/v1', timeoutMs: 500 } }, budgets: { '*': { requestsPerSecond: 10 } } }));
    const cfg = await loadGatewayConfig({ config: file, port: 4321, upstream: 'http://127.0.0.1:2/v1', redis: 'redis://127.0.0.1:6379' });
    expect(cfg.port).toBe(4321);
    expect(cfg.upstreams.default).toMatchObject({ url: 'http://127.0.0.1:2/v1', timeoutMs: 500 });
    expect(cfg.redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'featc:gw:v1:' });
    await writeFile(file, '{ not json');
    await expect(loadGatewayConfig({ config: file })).rejects.toMatchObject({ code: 'FEATC_E5002' });
    await expect(loadGatewayConfig({ config: join(dir, 'missing.json') })).rejects.toMatchObject({ code: 'FEATC_E5002' });
    await expect(loadGatewayConfig({})).rejects.toMatchObject({ code: 'FEATC_E5001' });
  });
});
