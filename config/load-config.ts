import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { FeatcError } from '../common/errors.js';
import { importTypeScript } from '../common/ts-loader.js';
import type { ConfigValue, FeatcConfig, TargetConfig } from './define-config.js';

/** The config file names featc looks for, in this order, in the working directory and each parent. */
export const CONFIG_FILES = ['featc.config.ts', 'featc.config.mts', 'featc.config.json'] as const;

/** A repository's settings with defaults applied; paths are absolute. */
export interface ProjectConfig {
  /** The config file, or undefined when none was found (defaults throughout). */
  readonly file: string | undefined;
  /** The folder holding the config file (else the working directory): relative paths start here. */
  readonly root: string;
  readonly project: string | undefined;
  readonly definitions: readonly string[];
  readonly outDir: string;
  readonly defaultTarget: string | undefined;
  readonly targets: Readonly<Record<string, TargetConfig>>;
}

const TARGET_KEYS = new Set(['flinkUrl', 'gatewayUrl', 'kafkaBootstrap', 'redisUrl', 'inferenceGatewayUrl', 'savepointDir', 'checkpointDir', 'restTimeoutMs']);
const CONFIG_KEYS = new Set(['project', 'definitions', 'outDir', 'defaultTarget', 'targets']);

/** The nearest config file at or above `cwd`, if any. */
export function findConfigFile(cwd = process.cwd()): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILES) if (existsSync(join(dir, name))) return join(dir, name);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Finds and reads the repository's config: `file` when given (or FEATC_CONFIG), else the nearest
 * `featc.config.ts` / `.json` at or above the working directory; defaults when there is none.
 */
export async function loadProjectConfig(opts: { file?: string; cwd?: string } = {}): Promise<ProjectConfig> {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const given = opts.file ?? process.env.FEATC_CONFIG;
  const file = given ? resolve(cwd, given) : findConfigFile(cwd);
  if (given && file && !existsSync(file)) throw new FeatcError('FEATC_E0201', `config file ${given} does not exist`, { hint: 'create it with `featc init`, or drop --config to use the nearest featc.config.ts' });
  const raw = file ? await readConfig(file) : {};
  return normalise(raw, file, file ? dirname(file) : cwd);
}

async function readConfig(file: string): Promise<unknown> {
  try {
    if (file.endsWith('.json')) return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const module = await importTypeScript(file);
    const value = module.default;
    // A config file outside an ESM package loads as CommonJS: the default export sits one level down.
    return typeof value === 'object' && value !== null && 'default' in value && !('targets' in value) ? (value as { default: unknown }).default : value;
  } catch (err) {
    throw new FeatcError('FEATC_E0202', `cannot read ${displayConfig(file)}: ${(err as Error).message.split('\n')[0]}`, { hint: 'it must export default defineConfig({ ... }) (or hold a JSON object)', cause: err });
  }
}

function displayConfig(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

function invalid(file: string | undefined, path: string, message: string, hint: string): FeatcError {
  return new FeatcError('FEATC_E0203', message, { where: `${file ? displayConfig(file) : 'featc config'} › ${path}`, hint });
}

function normalise(raw: unknown, file: string | undefined, root: string): ProjectConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid(file, '(default export)', `the config must be an object, got ${raw === null ? 'null' : typeof raw}`, 'export default defineConfig({ definitions: [\'features/\'] })');
  }
  const c = raw as Record<string, unknown>;
  // The flat form older featc versions read (endpoints at the top level) is one target, `default`.
  const legacy = Object.keys(c).some((k) => TARGET_KEYS.has(k)) && c.targets === undefined;
  if (legacy) return normalise({ targets: { default: c }, defaultTarget: 'default' }, file, root);
  for (const key of Object.keys(c)) {
    if (!CONFIG_KEYS.has(key)) throw invalid(file, key, `unknown setting ${JSON.stringify(key)}`, `settings are ${[...CONFIG_KEYS].join(', ')}`);
  }
  const config = c as FeatcConfig;
  if (config.project !== undefined && (typeof config.project !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/.test(config.project))) {
    throw invalid(file, 'project', `project must be 1-63 letters, digits, - or _, got ${JSON.stringify(config.project)}`, "e.g. project: 'growth'");
  }
  const definitions = config.definitions ?? ['features/'];
  if (!Array.isArray(definitions) || definitions.length === 0 || !definitions.every((d) => typeof d === 'string' && d !== '')) {
    throw invalid(file, 'definitions', 'definitions must be a non-empty list of files or directories', "e.g. definitions: ['features/']");
  }
  if (config.outDir !== undefined && (typeof config.outDir !== 'string' || config.outDir === '')) throw invalid(file, 'outDir', 'outDir must be a directory name', "e.g. outDir: 'compiled'");
  const targets = config.targets ?? {};
  if (typeof targets !== 'object' || targets === null || Array.isArray(targets)) throw invalid(file, 'targets', 'targets must be an object of named targets', "e.g. targets: { local: {}, staging: { flinkUrl: '…' } }");
  for (const [name, target] of Object.entries(targets)) checkTarget(file, name, target);
  if (config.defaultTarget !== undefined && !(config.defaultTarget in targets)) {
    throw invalid(file, 'defaultTarget', `defaultTarget ${JSON.stringify(config.defaultTarget)} is not one of the targets`, `targets: ${Object.keys(targets).join(', ') || 'none'}`);
  }
  return {
    file, root, project: config.project,
    definitions: definitions.map((d) => resolve(root, d)),
    outDir: resolve(root, config.outDir ?? 'compiled'),
    defaultTarget: config.defaultTarget,
    targets,
  };
}

function isValue(v: unknown): v is ConfigValue {
  return typeof v === 'string' || (typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'secret' && typeof (v as { env?: unknown }).env === 'string');
}

function checkTarget(file: string | undefined, name: string, target: unknown): void {
  if (typeof target !== 'object' || target === null || Array.isArray(target)) throw invalid(file, `targets.${name}`, 'a target must be an object', "e.g. { flinkUrl: 'http://jm:8081', gatewayUrl: 'http://gw:8083', kafkaBootstrap: 'kafka:9092' }");
  for (const [key, value] of Object.entries(target)) {
    const path = `targets.${name}.${key}`;
    if (!TARGET_KEYS.has(key)) throw invalid(file, path, `unknown target setting ${JSON.stringify(key)}`, `target settings are ${[...TARGET_KEYS].join(', ')}`);
    if (key === 'restTimeoutMs') {
      if (!Number.isInteger(value) || (value as number) <= 0) throw invalid(file, path, `restTimeoutMs must be a positive whole number of milliseconds, got ${JSON.stringify(value)}`, 'e.g. restTimeoutMs: 60000');
    } else if (!isValue(value)) {
      throw invalid(file, path, `${key} must be a string or env('NAME'), got ${JSON.stringify(value)}`, `e.g. ${key}: env('${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}')`);
    }
  }
}

/** The endpoints of a target with every `env('NAME')` read from the environment. */
export interface ResolvedTargetConfig {
  readonly name: string;
  readonly flinkUrl?: string;
  readonly gatewayUrl?: string;
  readonly kafkaBootstrap?: string;
  readonly redisUrl?: string;
  readonly inferenceGatewayUrl?: string;
  readonly savepointDir?: string;
  readonly checkpointDir?: string;
  readonly restTimeoutMs?: number;
}

/**
 * The target a verb runs against: `--target <name>`, else the config's `defaultTarget`, else none
 * (flags, FEATC_* variables and the local stack decide). Secrets missing from the environment fail here.
 */
export function selectTarget(config: ProjectConfig, name: string | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedTargetConfig | undefined {
  const chosen = name ?? config.defaultTarget;
  if (chosen === undefined) return undefined;
  const target = config.targets[chosen];
  if (!target) {
    const known = Object.keys(config.targets);
    throw new FeatcError('FEATC_E0204', `no target named ${JSON.stringify(chosen)}${config.file ? ` in ${displayConfig(config.file)}` : ' (no featc.config.ts found)'}`, {
      hint: known.length > 0 ? `targets: ${known.join(', ')}` : 'add it under targets in featc.config.ts (featc init writes one)',
    });
  }
  const out: Record<string, string | number> = { name: chosen };
  for (const [key, value] of Object.entries(target)) {
    if (typeof value === 'number' || typeof value === 'string') out[key] = value;
    else if (value !== undefined) {
      const v = env[value.env];
      if (v === undefined || v === '') {
        throw new FeatcError('FEATC_E0205', `target ${chosen} reads ${key} from the environment variable ${value.env}, which is not set`, { hint: `export ${value.env}=… before running featc` });
      }
      out[key] = v;
    }
  }
  return out as unknown as ResolvedTargetConfig;
}
