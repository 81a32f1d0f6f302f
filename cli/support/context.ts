import { relative } from 'node:path';
import type { ProjectConfig, ResolvedTargetConfig } from '../../config/load-config.js';
import type { Environment, EnvironmentFlags } from '../../flink-deploy/environment.js';

/** Options every verb takes (`featc --target staging plan`, `featc plan --target staging`). */
export interface GlobalFlags { target?: string; config?: string }

let globals: GlobalFlags = {};
let config: Promise<ProjectConfig> | undefined;

/** Set once per run from the parsed command line, before the verb's action runs. */
export function setGlobalFlags(flags: GlobalFlags): void {
  globals = flags;
  config = undefined;
}

/** The repository's featc config (nearest featc.config.ts / .json, or defaults), read once per run. */
export function projectConfig(): Promise<ProjectConfig> {
  config ??= import('../../config/load-config.js').then((m) => m.loadProjectConfig(globals.config ? { file: globals.config } : {}));
  return config;
}

/** The config target named by `--target` (or `defaultTarget`), secrets read from the environment. */
export async function configuredTarget(): Promise<ResolvedTargetConfig | undefined> {
  const { selectTarget } = await import('../../config/load-config.js');
  return selectTarget(await projectConfig(), globals.target);
}

/** Paths as given, else the config's `definitions` (default `features/`), shown relative to the working directory. */
export async function definitionPaths(given: readonly string[]): Promise<string[]> {
  if (given.length > 0) return [...given];
  return (await projectConfig()).definitions.map(shown);
}

/** `--project` as given, else the config's `project`; undefined when neither names one. */
export async function projectName(given: string | undefined): Promise<string | undefined> {
  return given ?? (await projectConfig()).project;
}

/** `--out` as given, else the config's `outDir` (default `compiled`). */
export async function outDir(given: string | undefined): Promise<string> {
  return given ?? shown((await projectConfig()).outDir);
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

/**
 * Every endpoint a verb may need, each with where it came from: the verb's flags, else the config
 * target, else FEATC_* variables, else the running local stack, else the local stack's default port
 * (flink-deploy/environment.ts; README › Endpoints and precedence).
 */
export async function environment(flags: EnvironmentFlags = {}): Promise<Environment> {
  const [{ resolveEnvironment }, configured] = await Promise.all([import('../../flink-deploy/environment.js'), configuredTarget()]);
  return resolveEnvironment({ flags, configured });
}
