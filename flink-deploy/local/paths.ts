import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { STACK_CACHE_KEY } from './versions.js';

export interface StackPaths {
  /** Data, logs, configs and pids of one stack (default `.featc/` in the project). */
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

export function stackPaths(home = process.env.FEATC_HOME ?? '.featc', cacheRoot = process.env.FEATC_CACHE ?? join(homedir(), '.cache', 'featc')): StackPaths {
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
