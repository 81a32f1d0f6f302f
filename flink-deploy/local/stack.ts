import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { ensureJars } from './artifacts.js';
import { writeStackConfigs } from './configs.js';
import { StackError } from './errors.js';
import { checkJava } from './java.js';
import { startTimeoutMs, type StackOptions } from './options.js';
import type { StackPaths } from './paths.js';
import { isPortFree, freePort } from './ports.js';
import { isAlive, readState, SERVICE_NAMES, sleep, startDetached, stopProcess, writeState, type ServiceName, type StackState } from './processes.js';
import { Progress } from './progress.js';
import { checkPrerequisites } from './preflight.js';
import { serviceSpecs, serviceUrls, type ServiceSpec } from './services.js';
import { redisHealth, type Health } from './health.js';

export interface ServiceStatus extends Health {
  url: string;
  pid?: number;
  log?: string;
}

export interface StackStatus {
  /** Every service of the stack; `zookeeper` only in a stack started with `--ha`. */
  services: Record<Exclude<ServiceName, 'zookeeper'>, ServiceStatus> & { zookeeper?: ServiceStatus };
}


/**
 * Starts whatever part of the stack is not running and waits until every service is healthy. While
 * anything runs, the running stack's options win; with `reuseSaved` (no ports chosen explicitly) a
 * stack that was stopped comes back on the ports it last ran with.
 */
export async function stackUp(paths: StackPaths, requested: StackOptions, progress = new Progress(), { reuseSaved = false } = {}): Promise<StackStatus> {
  mkdirSync(paths.home, { recursive: true });
  const state = readState(paths.stateFile);
  const opts = optionsFromState(state, requested, reuseSaved);
  const specs = serviceSpecs(paths, opts);
  const running = specs.filter((s) => isRunning(state, s.name));
  if (running.length === specs.length) {
    const status = await stackStatus(paths);
    if (Object.values(status.services).every((s) => s.healthy)) {
      progress.info('the local stack is already up; nothing to do');
      return status;
    }
  }
  await checkPrerequisites(paths, { redis: !opts.redisUrl });
  await checkJava();
  await ensureJars(paths, progress);
  const toStart = specs.filter((s) => !isRunning(state, s.name));
  if (!opts.redisUrl && toStart.some((s) => s.name === 'redis') && !requested.redisUrl && !(await isPortFree(opts.ports.redis))) {
    opts.ports.redis = await freePort();
    progress.info(`port for Redis taken; using free port ${opts.ports.redis}`);
  }
  await assertPortsFree(toStart);
  writeStackConfigs(paths, opts);
  state.options = opts;
  if (opts.redisUrl) state.external = { redisUrl: opts.redisUrl };
  const fresh = serviceSpecs(paths, opts).filter((s) => toStart.some((t) => t.name === s.name));
  const started: ServiceName[] = [];
  try {
    for (const spec of fresh) {
      await launch(paths, spec, state);
      started.push(spec.name);
    }
    await Promise.all(fresh.map((spec) => progress.step(`${spec.label} healthy at ${spec.url}`, () => waitHealthy(spec, state))));
  } catch (err) {
    for (const name of [...started].reverse()) {
      const rec = state.services[name];
      if (rec) await stopProcess(rec.pid, 5000);
      delete state.services[name];
    }
    writeState(paths.stateFile, state);
    throw err;
  }
  progress.total('local stack up');
  return stackStatus(paths);
}

/** Starts one service's process and records its pid in the state file. */
export async function launch(paths: StackPaths, spec: ServiceSpec, state: StackState): Promise<number> {
  const { cmd, args, env } = await spec.command();
  const pid = startDetached(cmd, args, spec.log, env);
  state.services[spec.name] = { pid, url: spec.url, log: spec.log, startedAt: new Date().toISOString() };
  writeState(paths.stateFile, state);
  return pid;
}

export async function waitHealthy(spec: ServiceSpec, state: StackState): Promise<void> {
  const deadline = Date.now() + startTimeoutMs();
  let last: Health = { healthy: false };
  while (Date.now() < deadline) {
    const pid = state.services[spec.name]?.pid;
    if (pid === undefined || !isAlive(pid)) {
      const recent = logTail(spec.log, 300);
      const tail = recent.slice(-15);
      const bind = recent.find((line) => /Address already in use|BindException/.test(line));
      if (bind) {
        const flags = spec.ports.map((p) => `${p.flag} <port>`).join(' ');
        throw new StackError('FEATC_E9010', `${spec.label} exited during start: one of its ports (${spec.ports.map((p) => p.port).join(', ')}) was taken by another process before it could bind`,
          `start again (a port taken by a passing connection is usually free again), or choose other ports: featc local up ${flags}`, 2, [bind]);
      }
      throw new StackError('FEATC_E9020', `${spec.label} exited during start`, `read the whole log: featc local logs ${spec.name}`, 2, tail);
    }
    last = await spec.health(true);
    if (last.healthy) return;
    await sleep(500);
  }
  throw new StackError('FEATC_E9022', `${spec.label} did not become healthy within ${startTimeoutMs() / 1000}s (${last.detail ?? 'no detail'})`, `read the whole log: featc local logs ${spec.name}`, 2, logTail(spec.log));
}

async function assertPortsFree(specs: ServiceSpec[]): Promise<void> {
  for (const spec of specs) {
    for (const p of spec.ports) {
      if (!(await isPortFree(p.port))) {
        throw new StackError('FEATC_E9010', `port ${p.port} (${p.what}) is already taken by another process`, `stop that process, or choose another port: featc local up ${p.flag} <port>`);
      }
    }
  }
}

/** Stops exactly the processes `up` recorded, newest first. */
export async function stackDown(paths: StackPaths, progress = new Progress()): Promise<void> {
  const state = readState(paths.stateFile);
  for (const name of [...SERVICE_NAMES].reverse()) {
    const rec = state.services[name];
    if (!rec) continue;
    await progress.step(`stopping ${name} (pid ${rec.pid})`, async () => {
      await stopProcess(rec.pid);
    });
    delete state.services[name];
    writeState(paths.stateFile, state);
  }
  progress.total('local stack down');
}

export async function stackStatus(paths: StackPaths): Promise<StackStatus> {
  const state = readState(paths.stateFile);
  const opts = state.options;
  const urls = opts ? serviceUrls(opts) : undefined;
  const specs = opts ? serviceSpecs(paths, opts) : [];
  const names = SERVICE_NAMES.filter((n) => n !== 'zookeeper' || opts?.ha);
  const entries = await Promise.all(names.map(async (name): Promise<[ServiceName, ServiceStatus]> => {
    const rec = state.services[name];
    const spec = specs.find((s) => s.name === name);
    const url = rec?.url ?? urls?.[name] ?? '';
    if (!rec && !(name === 'redis' && state.external?.redisUrl)) return [name, { healthy: false, url, detail: 'not started' }];
    if (rec && !isAlive(rec.pid)) return [name, { healthy: false, url, pid: rec.pid, log: rec.log, detail: `process ${rec.pid} is not running` }];
    const health = spec ? await spec.health(false) : await externalRedisHealth(url);
    return [name, { ...health, url, ...(rec ? { pid: rec.pid, log: rec.log } : { external: true }) }];
  }));
  return { services: Object.fromEntries(entries) as StackStatus['services'] };
}

function externalRedisHealth(url: string): Promise<Health> {
  return redisHealth(url);
}

function isRunning(state: StackState, name: ServiceName): boolean {
  const rec = state.services[name];
  return rec !== undefined && isAlive(rec.pid);
}

function optionsFromState(state: StackState, requested: StackOptions, reuseSaved: boolean): StackOptions {
  const anyAlive = SERVICE_NAMES.some((n) => isRunning(state, n));
  return (anyAlive || reuseSaved) && state.options ? structuredClone(state.options) : structuredClone(requested);
}

export function logTail(file: string, lines = 15): string[] {
  if (!existsSync(file)) return [`(no log at ${file})`];
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l));
}

/** Environment variables for tools and tests that talk to this stack. */
export function stackEnv(status: StackStatus): Record<string, string> {
  const s = status.services;
  return {
    FEATC_FLINK_URL: s.jobmanager.url,
    FEATC_SQL_GATEWAY_URL: s.sqlGateway.url,
    FEATC_KAFKA_BOOTSTRAP: s.kafka.url,
    FEATC_REDIS_URL: s.redis.url,
  };
}
