import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCodes, FeatcRuntimeError } from './errors.js';
import { assertDistinctTopics, parseJobGraph, type RedisOutputSpec } from './spec.js';

/**
 * The Redis outputs of compiled job graphs: each path is a job-graph.json or a compiled out dir
 * that holds one. Definition files (.ts) need the compiler, which is not wired in here yet.
 */
export async function loadRedisOutputs(paths: readonly string[]): Promise<RedisOutputSpec[]> {
  return (await loadJobGraphViews(paths)).outputs;
}

/** The Redis outputs of compiled job graphs, and the names of all their views (with or without one). */
export async function loadJobGraphViews(paths: readonly string[]): Promise<{ outputs: RedisOutputSpec[]; views: string[]; jobs: Map<string, string[]> }> {
  if (paths.length === 0) {
    throw new FeatcRuntimeError(ErrorCodes.invalidJobGraph, 'no job graph given', {
      hint: 'pass --graph <out>/job-graph.json (written by `featc compile`) or the compiled out dir', exitCode: 1,
    });
  }
  const specs: RedisOutputSpec[] = [];
  const views = new Set<string>();
  const jobs = new Map<string, string[]>();
  for (const path of paths) {
    for (const file of await graphFiles(path)) {
      const graph = parseJobGraph(await readJson(file), file);
      specs.push(...assertDistinctTopics(graph.outputs, file));
      const jobViews = new Set([...graph.outputs.map((o) => o.view), ...graph.operators.map((op) => op.view)]);
      jobViews.forEach((v) => views.add(v));
      jobs.set(graph.job, [...jobViews]);
    }
  }
  return { outputs: assertDistinctTopics(specs, paths.join(', ')), views: [...views], jobs };
}

/** A job-graph.json, a job's out dir, or the out dir of `featc compile` (every `<job>/job-graph.json` in it). */
async function graphFiles(path: string): Promise<string[]> {
  const file = await graphFile(path);
  const exists = async (f: string): Promise<boolean> => (await stat(f).catch(() => undefined)) !== undefined;
  if (await exists(file)) return [file];
  const jobDirs = (await readdir(path, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => join(path, e.name, 'job-graph.json'));
  const found = (await Promise.all(jobDirs.map(async (f) => ((await exists(f)) ? f : undefined)))).filter((f): f is string => f !== undefined);
  return found.length > 0 ? found.sort() : [file];
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
