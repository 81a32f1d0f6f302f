import { spawn } from 'node:child_process';
import type { StackOptions } from './options.js';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';

export type ServiceName = 'redis' | 'kafka' | 'zookeeper' | 'jobmanager' | 'taskmanager' | 'sqlGateway';
/** Start order; `zookeeper` runs only in a stack started with `--ha`. */
export const SERVICE_NAMES: readonly ServiceName[] = ['redis', 'kafka', 'zookeeper', 'jobmanager', 'taskmanager', 'sqlGateway'];

export interface ServiceRecord {
  pid: number;
  url: string;
  log: string;
  startedAt: string;
}

/** What `featc local up` started: the pid of every process, so `down` stops exactly those. */
export interface StackState {
  services: Partial<Record<ServiceName, ServiceRecord>>;
  external?: { redisUrl?: string };
  /** The options the running stack was started with (ports stay stable while anything runs). */
  options?: StackOptions;
}

export function readState(file: string): StackState {
  if (!existsSync(file)) return { services: {} };
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StackState;
  } catch {
    return { services: {} };
  }
}

export function writeState(file: string, state: StackState): void {
  writeFileSync(file, JSON.stringify(state, null, 2) + '\n');
}

/** Starts a long-running process in its own process group, output appended to `log`; returns its pid. */
export function startDetached(cmd: string, args: string[], log: string, env: NodeJS.ProcessEnv = process.env): number {
  const fd = openSync(log, 'a');
  try {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], env });
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch {
    return false;
  }
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopProcess(pid: number, graceMs = 15_000): Promise<'stopped' | 'killed' | 'not-running'> {
  if (!isAlive(pid)) return 'not-running';
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await sleep(100);
  }
  signal(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(50);
  return 'killed';
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
