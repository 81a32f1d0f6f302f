import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { STACK_CACHE_KEY } from './versions.js';

export interface StackPaths {
  /** Data, logs, configs and pids of one stack (default {@link defaultStackHome}). */
  home: string;
  conf: string;
  logs: string;
  data: string;
  stateFile: string;
  /** Downloaded jars, shared by every project on the machine, keyed by versions. */
  cache: string;
  flinkLib: string;
  kafkaLib: string;
}

/**
 * Where the local stack keeps its state: FEATC_HOME, else one folder per user
 * (`$XDG_STATE_HOME/featc/stack`, default `~/.local/state/featc/stack`), so a stack started from one
 * repository is found from every other.
 */
export function defaultStackHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FEATC_HOME) return resolve(env.FEATC_HOME);
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'featc', 'stack');
}

export function stackPaths(home = defaultStackHome(), cacheRoot = process.env.FEATC_CACHE ?? join(homedir(), '.cache', 'featc')): StackPaths {
  const h = resolve(home);
  const cache = join(resolve(cacheRoot), STACK_CACHE_KEY);
  return {
    home: h,
    conf: join(h, 'conf'),
    logs: join(h, 'logs'),
    data: join(h, 'data'),
    stateFile: join(h, 'stack.json'),
    cache,
    flinkLib: join(cache, 'flink', 'lib'),
    kafkaLib: join(cache, 'kafka', 'lib'),
  };
}
