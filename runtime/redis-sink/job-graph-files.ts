import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCodes, FeatcRuntimeError } from './errors.js';
import { assertDistinctTopics, redisOutputsOfJobGraph, type RedisOutputSpec } from './spec.js';

/**
 * The Redis outputs of compiled job graphs: each path is a job-graph.json or a compiled out dir
 * that holds one. Definition files (.ts) need the compiler, which is not wired in here yet.
 */
export async function loadRedisOutputs(paths: readonly string[]): Promise<RedisOutputSpec[]> {
  if (paths.length === 0) {
    throw new FeatcRuntimeError(ErrorCodes.invalidJobGraph, 'no job graph given', {
      hint: 'pass --graph <out>/job-graph.json (written by `featc compile`) or the compiled out dir', exitCode: 1,
    });
  }
  const specs: RedisOutputSpec[] = [];
  for (const path of paths) specs.push(...redisOutputsOfJobGraph(await readJson(await graphFile(path)), path));
  return assertDistinctTopics(specs, paths.join(', '));
}

async function graphFile(path: string): Promise<string> {
  if (/\.(ts|mts|js|mjs)$/.test(path)) {
    throw new FeatcRuntimeError(ErrorCodes.invalidJobGraph, `definition files are not read directly yet: ${path}`, {
      hint: 'run `featc compile` and pass its out dir or --graph <out>/job-graph.json', exitCode: 1,
    });
  }
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new FeatcRuntimeError(ErrorCodes.invalidJobGraph, `no such file or directory: ${path}`, { exitCode: 1 });
  return info.isDirectory() ? join(path, 'job-graph.json') : path;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new FeatcRuntimeError(ErrorCodes.invalidJobGraph, `cannot read ${file}: ${(err as Error).message}`, { hint: 'run `featc compile` first', exitCode: 1 });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new FeatcRuntimeError(ErrorCodes.invalidJobGraph, `not JSON: ${(err as Error).message}`, { where: file, exitCode: 1 });
  }
}
