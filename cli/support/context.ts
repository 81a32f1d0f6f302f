import { relative } from 'node:path';
import type { ProjectConfig, ResolvedTargetConfig } from '../../config/load-config.js';

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
 * The Redis a verb reads or writes: `--redis`, else the config target's `redisUrl`, else
 * FEATC_REDIS_URL, else the Redis of the local stack when one was started, else redis://127.0.0.1:6379.
 */
export function redisUrl(given: string | undefined): Promise<string> {
  return endpoint(given, 'redisUrl', 'FEATC_REDIS_URL', 'redis', 'redis://127.0.0.1:6379');
}

/** The Kafka a verb reads or writes: `--kafka`, the target's `kafkaBootstrap`, FEATC_KAFKA_BOOTSTRAP, the local stack's, 127.0.0.1:9092. */
export function kafkaBootstrap(given: string | undefined): Promise<string> {
  return endpoint(given, 'kafkaBootstrap', 'FEATC_KAFKA_BOOTSTRAP', 'kafka', '127.0.0.1:9092');
}

async function endpoint(given: string | undefined, key: 'redisUrl' | 'kafkaBootstrap', envVar: string, service: 'redis' | 'kafka', fallback: string): Promise<string> {
  if (given) return given;
  const fromTarget = (await configuredTarget())?.[key];
  if (fromTarget) return fromTarget;
  if (process.env[envVar]) return process.env[envVar] as string;
  return (await localStackUrl(service)) ?? fallback;
}

async function localStackUrl(service: 'redis' | 'kafka'): Promise<string | undefined> {
  const [{ readState }, { stackPaths }] = await Promise.all([import('../../flink-deploy/local/processes.js'), import('../../flink-deploy/local/paths.js')]);
  const state = readState(stackPaths().stateFile);
  return service === 'redis' ? state.external?.redisUrl ?? state.services.redis?.url : state.services.kafka?.url;
}
