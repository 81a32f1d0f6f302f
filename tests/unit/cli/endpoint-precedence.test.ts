import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { graphWithOutputs } from '../../support/job-graph.js';
import { startRedisProcess, type RedisProcess } from '../../support/redis-process.js';
import { runFeatc } from '../../support/run-cli.js';

// `featc get` (like `featc sink redis`) finds Redis through resolveEnvironment: with no flag, target
// or FEATC_REDIS_URL it reads the Redis `featc local up` runs (README › Endpoints and precedence).
let server: RedisProcess;
let graph: string;
beforeAll(async () => {
  server = await startRedisProcess();
  const redis = new Redis(server.url);
  await redis.hset('featc:user_stats:u1', { __as_of_ms: '1700000000000', clicks: '7' });
  await redis.quit();
  graph = join(mkdtempSync(join(tmpdir(), 'featc-endpoints-')), 'job-graph.json');
  writeFileSync(graph, JSON.stringify(graphWithOutputs([
    { kind: 'redis', view: 'user_stats', topic: 't', entityKey: ['userId'], features: [{ name: 'clicks', type: 'bigint' }] },
  ])));
});
afterAll(async () => { await server.stop(); });

/** The environment of a user with a local stack (its state in `home`) and no FEATC_* endpoint variables. */
function stackEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FEATC_HOME: home, ...extra };
  for (const v of ['FEATC_REDIS_URL', 'FEATC_KAFKA_BOOTSTRAP', 'FEATC_FLINK_URL', 'FEATC_SQL_GATEWAY_URL', 'FEATC_CONFIG']) if (!(v in extra)) delete env[v];
  return env;
}

function stackHome(redisUrl: string, pid: number): string {
  const home = mkdtempSync(join(tmpdir(), 'featc-stack-'));
  writeFileSync(join(home, 'stack.json'), JSON.stringify({ services: { redis: { pid, url: redisUrl, log: '/dev/null', startedAt: '2025-01-01T00:00:00Z' } } }));
  return home;
}

describe('featc get: where Redis comes from', () => {
  it('reads the running local stack\'s Redis when nothing names one', async () => {
    const r = await runFeatc(['get', 'user_stats', 'u1', '--graph', graph, '--json'], { env: stackEnv(stackHome(server.url, server.pid)), timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, found: true, values: { clicks: 7 } });
  });

  it('FEATC_REDIS_URL wins over the local stack, and an unreachable Redis error says where its URL came from', async () => {
    const r = await runFeatc(['get', 'user_stats', 'u1', '--graph', graph, '--json', '--timeout-ms', '500'], {
      env: stackEnv(stackHome(server.url, server.pid), { FEATC_REDIS_URL: 'redis://127.0.0.1:1' }), timeoutMs: 30_000,
    });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'FEATC_E6101', where: 'redis://127.0.0.1:1 (from FEATC_REDIS_URL)' } });
  });
});
