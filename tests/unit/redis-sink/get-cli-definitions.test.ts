import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort, startRedisProcess, type RedisProcess } from '../../support/redis-process.js';

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const featc = (...args: string[]) => run(process.execPath, ['bin/featc.js', ...args], { cwd: repoRoot });

let server: RedisProcess;
const asOf = Date.now() - 60_000;
beforeAll(async () => {
  server = await startRedisProcess();
  const redis = new Redis(server.url);
  await redis.hset('featc:serverHealth:model-a', {
    __as_of_ms: String(asOf), queue_avg_1m: '2.5', queue_max_1m: '7', requests_1m: '40', errors_1m: '2', error_rate_1m: '0.05',
  });
  await redis.hset('featc:userCtr:u1', { __as_of_ms: String(asOf), clicks_10m: '3', impressions_10m: '12', ctr_10m: '0.25' });
  await redis.quit();
});
afterAll(async () => { await server.stop(); });

describe('featc get without --graph (compiles the definitions)', () => {
  it('finds the view in jobs/ by default and reads its typed values', async () => {
    const { stdout } = await featc('get', 'serverHealth', 'model-a', '--redis', server.url, '--json');
    const row = JSON.parse(stdout) as { found: boolean; values: unknown; asOfMs: number };
    expect(row).toMatchObject({ found: true, asOfMs: asOf });
    expect(row.values).toEqual({ queue_avg_1m: 2.5, queue_max_1m: 7, requests_1m: 40, errors_1m: 2, error_rate_1m: 0.05 });
  });

  it('given a job name, reads every Redis-served view of the job', async () => {
    const { stdout } = await featc('get', 'engagement', 'u1', '--redis', server.url, '--json');
    const { schemaVersion, ok, rows } = JSON.parse(stdout) as { schemaVersion: number; ok: boolean; rows: { view: string; found: boolean; values: Record<string, unknown> }[] };
    expect({ schemaVersion, ok }).toEqual({ schemaVersion: 1, ok: true });
    expect(rows.map((r) => [r.view, r.found])).toEqual([['userClickRate', false], ['userCtr', true]]);
    expect(rows[1]?.values).toEqual({ clicks_10m: 3, impressions_10m: 12, ctr_10m: 0.25 });
  });

  it('given a job name and --graph (the compile out dir, or one job\'s), reads every Redis-served view of the job, as from definitions', async () => {
    const out = mkdtempSync(join(tmpdir(), 'featc-get-graph-'));
    await featc('compile', 'jobs/', '--out', out);
    const fromDefinitions = (JSON.parse((await featc('get', 'engagement', 'u1', '--redis', server.url, '--json')).stdout) as { rows: unknown }).rows;
    for (const graph of [out, join(out, 'engagement'), join(out, 'engagement', 'job-graph.json')]) {
      const { rows } = JSON.parse((await featc('get', 'engagement', 'u1', '--graph', graph, '--redis', server.url, '--json')).stdout) as { rows: { view: string; found: boolean; values: Record<string, unknown> }[] };
      expect(rows.map((r) => [r.view, r.found])).toEqual([['userClickRate', false], ['userCtr', true]]);
      expect(rows[1]?.values).toEqual({ clicks_10m: 3, impressions_10m: 12, ctr_10m: 0.25 });
      expect(rows).toEqual(fromDefinitions);
    }
  });

  it('takes definition paths as arguments or --definitions; a missing entity gets the declared defaults', async () => {
    const byPath = JSON.parse((await featc('get', 'userCtr', 'u1', 'jobs/engagement.ts', '--redis', server.url, '--json')).stdout) as { values: unknown };
    expect(byPath.values).toEqual({ clicks_10m: 3, impressions_10m: 12, ctr_10m: 0.25 });
    const ghost = JSON.parse((await featc('get', 'userCtr', 'ghost', '--definitions', 'jobs/engagement.ts', '--redis', server.url, '--json')).stdout) as { found: boolean; values: unknown };
    expect(ghost).toMatchObject({ found: false, values: { clicks_10m: 0, impressions_10m: 0, ctr_10m: 0 } });
  });

  it('suggests the closest view for a misspelt one (exit 1)', async () => {
    await expect(featc('get', 'userCTR', 'u1', '--redis', server.url)).rejects.toMatchObject({
      code: 1, stderr: expect.stringMatching(/error FEATC_E6003 unknown view "userCTR"[\s\S]*hint: did you mean "userCtr"\?/),
    });
  });

  it('says when a view exists but is not served from Redis (exit 1)', async () => {
    await expect(featc('get', 'tokenUsage', 'model-a', '--redis', server.url)).rejects.toMatchObject({
      code: 1, stderr: expect.stringContaining('error FEATC_E6005 view "tokenUsage" has no Redis output'),
    });
  });

  it('fails fast with a coded error when Redis is unreachable (exit 2)', async () => {
    const closedPort = await freePort();
    const started = Date.now();
    await expect(featc('get', 'userCtr', 'u1', '--redis', `redis://127.0.0.1:${closedPort}`)).rejects.toMatchObject({
      code: 2, stderr: expect.stringContaining(`error FEATC_E6101 cannot reach Redis: connect ECONNREFUSED 127.0.0.1:${closedPort}`),
    });
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('prints the compiler diagnostics of broken definitions (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'featc-get-defs-'));
    const file = join(dir, 'broken.ts');
    writeFileSync(file, `import { z } from 'zod';
import { count, featureView, job, minutes, redis, seconds, source, tumbling } from '${repoRoot}/dsl/index.js';
const s = source({ name: 's', topic: 't', format: 'json', eventTime: 'ts', watermarkDelay: seconds(1), schema: z.object({ k: z.string(), ts: z.number().int() }) });
const v = featureView({ name: 'v', entity: ['k'], sources: [s], window: tumbling(seconds(0)), features: { n: count(s) }, outputs: [redis({ ttl: minutes(1) })] });
export default job({ name: 'broken', views: [v] });
`);
    await expect(featc('get', 'v', 'k1', file, '--redis', server.url)).rejects.toMatchObject({
      code: 1, stderr: expect.stringMatching(/error FEATC_E\d{4}[\s\S]*1 error\(s\)/),
    });
  });
});
