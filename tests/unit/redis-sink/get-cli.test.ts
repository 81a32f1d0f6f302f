import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { graphWithOutputs } from '../../support/job-graph.js';
import { startRedisProcess, type RedisProcess } from '../../support/redis-process.js';

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

let server: RedisProcess;
let graph: string;
beforeAll(async () => {
  server = await startRedisProcess();
  const redis = new Redis(server.url);
  await redis.hset('featc:user_stats:u1', { __as_of_ms: '1700000000000', clicks: '42' });
  await redis.quit();
  const dir = mkdtempSync(join(tmpdir(), 'featc-get-'));
  graph = join(dir, 'job-graph.json');
  writeFileSync(graph, JSON.stringify(graphWithOutputs([
    { kind: 'redis', view: 'user_stats', topic: 't', entityKey: ['userId'], features: [{ name: 'clicks', type: 'bigint' }, { name: 'ctr', type: 'double', default: 0.5 }] },
  ])));
});
afterAll(async () => { await server.stop(); });

const featc = (...args: string[]) => run(process.execPath, ['bin/featc.js', ...args], { cwd: repoRoot });

describe('featc get', () => {
  it('prints the typed row as JSON', async () => {
    const { stdout } = await featc('get', 'user_stats', 'u1', '--graph', graph, '--redis', server.url, '--json');
    expect(JSON.parse(stdout)).toEqual({
      schemaVersion: 1, ok: true, view: 'user_stats', entity: ['u1'], found: true, asOfMs: 1700000000000, windowStartMs: null,
      values: { clicks: 42, ctr: 0.5 },
      meta: { clicks: { asOfMs: 1700000000000, state: 'fresh' }, ctr: { asOfMs: null, state: 'missing' } },
    });
  });

  it('prints a table, and a coded error with exit 1 for an unknown view', async () => {
    const { stdout } = await featc('get', 'user_stats', 'userId=u1', '--graph', graph, '--redis', server.url);
    expect(stdout).toContain('user_stats u1: as of 2023-11-14T22:13:20.000Z');
    expect(stdout).toMatch(/ctr\s+0\.5\s+\(missing\)/);
    await expect(featc('get', 'nope', 'u1', '--graph', graph, '--redis', server.url)).rejects.toMatchObject({
      code: 1, stderr: expect.stringContaining('error FEATC_E6003 unknown view "nope"'),
    });
  });

  it('with --json, an error is the same versioned envelope on stdout (ok false, code, message, hint), exit 1', async () => {
    const failed = await featc('get', 'nope', 'u1', '--graph', graph, '--redis', server.url, '--json').then(() => undefined, (e: { code: number; stdout: string }) => e);
    expect(failed?.code).toBe(1);
    expect(JSON.parse(failed?.stdout ?? '{}')).toEqual({
      schemaVersion: 1, ok: false, error: { code: 'FEATC_E6003', message: expect.stringContaining('unknown view "nope"'), hint: expect.any(String), where: graph },
    });
  });
});

describe('featc get refuses ambiguous input', () => {
  it('FEATC_E0403: --graph and definition paths together', async () => {
    const failed = await featc('get', 'user_stats', 'u1', 'jobs/engagement.ts', '--graph', graph, '--redis', server.url).then(() => null, (err: { code: number; stderr: string }) => err);
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toBe('error FEATC_E0403 both --graph and definition paths given\n  hint: read compiled graphs (--graph) or compile definitions (paths, --definitions), not both\n');
  });
});
