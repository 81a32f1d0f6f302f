import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveStackOptions, type StackOptions } from '../../../flink-deploy/local/options.js';
import { stackPaths, type StackPaths } from '../../../flink-deploy/local/paths.js';
import { freePort } from '../../../flink-deploy/local/ports.js';
import { isAlive, readState, stopProcess, writeState, type StackState } from '../../../flink-deploy/local/processes.js';
import { startService, stopService } from '../../../flink-deploy/local/service-control.js';
import { serviceSpecs, type ServiceSpec } from '../../../flink-deploy/local/services.js';
import { launch, waitHealthy } from '../../../flink-deploy/local/stack.js';

type Coded = { code: string; message: string; hint: string; exitCode: number; details: string[] };
const failure = (p: Promise<unknown>): Promise<Coded | undefined> => p.then(() => undefined, (e: unknown) => e as Coded);

/** A stack of its own (temp dir, free Redis port) with its options recorded, as `featc local up` leaves them; nothing started. */
async function newStack(extra: Partial<StackOptions> = {}): Promise<{ paths: StackPaths; opts: StackOptions; state: StackState; redis: ServiceSpec }> {
  const paths = stackPaths(mkdtempSync(join(tmpdir(), 'featc-svc-')), mkdtempSync(join(tmpdir(), 'featc-svc-cache-')));
  mkdirSync(paths.logs, { recursive: true });
  const opts = { ...resolveStackOptions({ redis: await freePort() }, {}), ...extra };
  const state: StackState = { services: {}, options: opts };
  writeState(paths.stateFile, state);
  return { paths, opts, state, redis: serviceSpecs(paths, opts).find((s) => s.name === 'redis')! };
}

describe('local stack: starting and controlling one service (real redis-server processes)', () => {
  const homes: string[] = [];
  const pids: number[] = [];
  const savedTimeout = process.env.FEATC_START_TIMEOUT_MS;
  afterEach(() => {
    if (savedTimeout === undefined) delete process.env.FEATC_START_TIMEOUT_MS;
    else process.env.FEATC_START_TIMEOUT_MS = savedTimeout;
  });
  // Only processes these tests started and did not see end (a pid seen dead may belong to someone else by now).
  afterAll(async () => {
    for (const pid of pids) if (isAlive(pid)) await stopProcess(pid, 2000);
    for (const h of homes) rmSync(h, { recursive: true, force: true });
  });

  it('FEATC_E9020: Redis that exits during start (a corrupt append-only manifest in its data dir), with Redis\'s own words from the log', async () => {
    const { paths, redis, state } = await newStack();
    homes.push(paths.home);
    mkdirSync(join(paths.data, 'redis', 'appendonlydir'), { recursive: true });
    writeFileSync(join(paths.data, 'redis', 'appendonlydir', 'appendonly.aof.manifest'), 'this is not a manifest\n');
    const pid = await launch(paths, redis, state);
    pids.push(pid);
    const err = await failure(waitHealthy(redis, state));
    expect(err).toMatchObject({ code: 'FEATC_E9020', exitCode: 2, message: 'Redis exited during start', hint: 'read the whole log: featc local logs redis' });
    expect(err?.details.join('\n')).toMatch(/manifest/i);
    expect(isAlive(pid)).toBe(false);
    pids.splice(pids.indexOf(pid), 1);
  });

  it('FEATC_E9022: a Redis that stays alive but never answers within FEATC_START_TIMEOUT_MS (stopped with SIGSTOP)', async () => {
    const { paths, redis, state } = await newStack();
    homes.push(paths.home);
    process.env.FEATC_START_TIMEOUT_MS = '1500';
    const pid = await launch(paths, redis, state);
    pids.push(pid);
    process.kill(pid, 'SIGSTOP');
    const t0 = Date.now();
    const err = await failure(waitHealthy(redis, state));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1500);
    expect(err).toMatchObject({ code: 'FEATC_E9022', exitCode: 2, hint: 'read the whole log: featc local logs redis' });
    expect(err?.message).toMatch(/^Redis did not become healthy within 1\.5s \(.+\)$/);
    expect(isAlive(pid)).toBe(true);
    process.kill(pid, 'SIGKILL');
    await stopProcess(pid, 2000);
    pids.splice(pids.indexOf(pid), 1);
  });

  it('FEATC_E9035 / E9034: start refuses a running service; stop refuses one that is not running', async () => {
    const { paths, redis, state } = await newStack();
    homes.push(paths.home);
    const pid = await launch(paths, redis, state);
    pids.push(pid);
    await waitHealthy(redis, state);
    await expect(startService(paths, 'redis')).rejects.toMatchObject({
      code: 'FEATC_E9035', exitCode: 1, message: `redis is already running (pid ${pid})`, hint: 'restart it instead: featc local restart redis',
    });
    expect(isAlive(pid)).toBe(true);
    expect(await stopService(paths, 'redis')).toBe(pid);
    expect(isAlive(pid)).toBe(false);
    pids.splice(pids.indexOf(pid), 1);
    expect(readState(paths.stateFile).services.redis).toBeUndefined();
    await expect(stopService(paths, 'redis')).rejects.toMatchObject({
      code: 'FEATC_E9034', exitCode: 1, message: 'redis is not running', hint: 'start it: featc local start redis',
    });
  });

  it('FEATC_E9033: a service the stack does not run (ZooKeeper without --ha, Redis with --redis-url)', async () => {
    const plain = await newStack();
    const external = await newStack({ redisUrl: 'redis://10.0.0.5:6379' });
    homes.push(plain.paths.home, external.paths.home);
    await expect(startService(plain.paths, 'zookeeper')).rejects.toMatchObject({
      code: 'FEATC_E9033', message: 'the local stack has no zookeeper service', hint: 'ZooKeeper runs only in a stack started with --ha',
    });
    await expect(stopService(external.paths, 'redis')).rejects.toMatchObject({
      code: 'FEATC_E9033', message: 'the local stack has no redis service', hint: 'this stack uses an external Redis (--redis-url)',
    });
  });
});
