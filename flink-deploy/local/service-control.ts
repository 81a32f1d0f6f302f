import { StackError } from './errors.js';
import { startTimeoutMs, type StackOptions } from './options.js';
import type { StackPaths } from './paths.js';
import { isPortFree } from './ports.js';
import { isAlive, readState, sleep, stopProcess, writeState, type ServiceName } from './processes.js';
import { taskManagerAddresses } from './health.js';
import { serviceSpecs, serviceUrls, type ServiceSpec } from './services.js';
import { launch, waitHealthy } from './stack.js';

export type StopSignal = 'SIGTERM' | 'SIGKILL';

export interface RestartReport {
  service: ServiceName;
  signal: StopSignal;
  oldPid: number;
  newPid: number;
  /** From the signal until the old process was gone. */
  stopMs: number;
  /** From launching the new process until it was healthy. */
  startMs: number;
}

const PORT_RELEASE_TIMEOUT_MS = 30_000;

function specOf(paths: StackPaths, name: ServiceName): { spec: ServiceSpec; options: StackOptions } {
  const state = readState(paths.stateFile);
  if (!state.options) throw new StackError('FEATC_E9032', 'the local stack has never been started here', 'start it first: featc local up');
  const options = state.options;
  const spec = serviceSpecs(paths, options).find((s) => s.name === name);
  if (!spec) {
    const hint = name === 'zookeeper' ? 'ZooKeeper runs only in a stack started with --ha' : name === 'redis' ? 'this stack uses an external Redis (--redis-url)' : 'check the service name';
    throw new StackError('FEATC_E9033', `the local stack has no ${name} service`, hint);
  }
  return { spec, options };
}

/**
 * Stops one service of the stack by its recorded pid: SIGTERM (then SIGKILL after `graceMs`), or
 * SIGKILL at once, the way a crash ends it. Returns the pid it stopped.
 */
export async function stopService(paths: StackPaths, name: ServiceName, signal: StopSignal = 'SIGTERM', graceMs = 30_000): Promise<number> {
  specOf(paths, name);
  const state = readState(paths.stateFile);
  const rec = state.services[name];
  if (!rec || !isAlive(rec.pid)) throw new StackError('FEATC_E9034', `${name} is not running`, `start it: featc local start ${name}`);
  if (signal === 'SIGKILL') {
    try {
      process.kill(rec.pid, 'SIGKILL');
    } catch {
      /* gone already */
    }
    while (isAlive(rec.pid)) await sleep(20);
  } else {
    await stopProcess(rec.pid, graceMs);
  }
  delete state.services[name];
  writeState(paths.stateFile, state);
  return rec.pid;
}

/** Starts one stopped service with the options the stack runs with (same ports, same data dir) and waits until it is healthy. */
export async function startService(paths: StackPaths, name: ServiceName): Promise<number> {
  const { spec, options } = specOf(paths, name);
  const state = readState(paths.stateFile);
  const rec = state.services[name];
  if (rec && isAlive(rec.pid)) throw new StackError('FEATC_E9035', `${name} is already running (pid ${rec.pid})`, `restart it instead: featc local restart ${name}`);
  await waitPortsReleased(spec);
  // A killed TaskManager stays registered until its heartbeat times out: wait for the new one's address.
  const jobManagerUrl = name === 'taskmanager' ? serviceUrls(options).jobmanager : undefined;
  const before = jobManagerUrl ? new Set(await taskManagerAddresses(jobManagerUrl)) : new Set<string>();
  const pid = await launch(paths, spec, state);
  await waitHealthy(spec, state);
  if (jobManagerUrl) await waitNewTaskManager(jobManagerUrl, before, pid);
  return pid;
}

async function waitNewTaskManager(jobManagerUrl: string, before: Set<string>, pid: number): Promise<void> {
  const deadline = Date.now() + startTimeoutMs();
  while (Date.now() < deadline) {
    if ((await taskManagerAddresses(jobManagerUrl)).some((a) => !before.has(a))) return;
    if (!isAlive(pid)) throw new StackError('FEATC_E9020', 'the TaskManager exited during start', 'read the whole log: featc local logs taskmanager', 2);
    await sleep(250);
  }
  throw new StackError('FEATC_E9022', `the restarted TaskManager did not register with the JobManager within ${startTimeoutMs() / 1000}s`, 'read the whole log: featc local logs taskmanager', 2);
}

/** Stops one service (by pid, with `signal`) and starts it again on the same ports and data. */
export async function restartService(paths: StackPaths, name: ServiceName, signal: StopSignal = 'SIGTERM'): Promise<RestartReport> {
  const t0 = Date.now();
  const oldPid = await stopService(paths, name, signal);
  const t1 = Date.now();
  const newPid = await startService(paths, name);
  return { service: name, signal, oldPid, newPid, stopMs: t1 - t0, startMs: Date.now() - t1 };
}

/** A process that just died may hold its listening ports for a moment. */
async function waitPortsReleased(spec: ServiceSpec): Promise<void> {
  const deadline = Date.now() + PORT_RELEASE_TIMEOUT_MS;
  for (const p of spec.ports) {
    while (!(await isPortFree(p.port))) {
      if (Date.now() > deadline) throw new StackError('FEATC_E9010', `port ${p.port} (${p.what}) is still taken`, 'another process holds it: find it with `ss -ltnp`');
      await sleep(200);
    }
  }
}
