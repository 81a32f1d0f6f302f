import { loadProjectConfig, selectTarget, type ResolvedTargetConfig } from '../config/load-config.js';
import { resolveStackOptions } from './local/options.js';
import { stackPaths } from './local/paths.js';
import { isAlive, readState, type ServiceName } from './local/processes.js';
import { DeployError } from './deploy-error.js';

/**
 * Where every endpoint featc talks to comes from, in ONE order (README › Endpoints and precedence):
 *
 * 1. `flag`: the verb's flag (`--flink`, `--gateway`, `--kafka`, `--redis`, `--rest-timeout`);
 * 2. `target`: the featc.config target (`--target <name>`, else `defaultTarget`);
 * 3. `env`: the `FEATC_*` environment variable;
 * 4. `local-stack`: the service `featc local up` started and still runs (its recorded URL);
 * 5. `default`: where `featc local up` puts the service by default (Redis 6380, Kafka 9092).
 */
export type EndpointLayer = 'flag' | 'target' | 'env' | 'local-stack' | 'default';

export const ENDPOINT_LAYERS: readonly EndpointLayer[] = ['flag', 'target', 'env', 'local-stack', 'default'];

export interface Resolved<T> {
  readonly value: T;
  readonly from: EndpointLayer;
  /** The flag, config key, variable or service it was read from, for messages: `--redis`, `FEATC_REDIS_URL`, `target staging › redisUrl`. */
  readonly source: string;
}

export type EndpointName = 'flinkUrl' | 'gatewayUrl' | 'kafkaBootstrap' | 'redisUrl' | 'inferenceGatewayUrl';

/** Every endpoint and timeout a verb may need, each with where it came from; absent when no layer names it. */
export interface Environment {
  /** JobManager REST. No built-in default: deploy verbs need a cluster that is named or running. */
  readonly flinkUrl?: Resolved<string>;
  /** SQL Gateway REST. No built-in default, as for `flinkUrl`. */
  readonly gatewayUrl?: Resolved<string>;
  readonly kafkaBootstrap: Resolved<string>;
  readonly redisUrl: Resolved<string>;
  /** Base URL of the inference gateway (what `${env:FEATC_INFERENCE_GATEWAY}` holds); no stack service, no default. */
  readonly inferenceGatewayUrl?: Resolved<string>;
  /** Per Flink REST request; default 30000. */
  readonly restTimeoutMs: Resolved<number>;
  /** The featc.config target used, when one was chosen. */
  readonly target?: string;
}

export interface EnvironmentFlags {
  flink?: string | undefined;
  gateway?: string | undefined;
  kafka?: string | undefined;
  redis?: string | undefined;
  restTimeout?: string | undefined;
}

export interface EnvironmentOptions {
  flags?: EnvironmentFlags;
  /** The config target already chosen (`undefined`: the config names none); absent, the config is read (`config`, `targetName`). */
  configured?: ResolvedTargetConfig | undefined;
  /** Config file; default: the nearest featc.config.ts / featc.config.json. */
  config?: string;
  /** `--target <name>`; default the config's `defaultTarget`. */
  targetName?: string;
  env?: NodeJS.ProcessEnv;
  /** The URLs of the local stack's running services; default: read from the stack's state file (no network). */
  localStack?: () => LocalStackUrls;
}

export type LocalStackUrls = Partial<Record<'flinkUrl' | 'gatewayUrl' | 'kafkaBootstrap' | 'redisUrl', string>>;

interface EndpointSpec {
  flag?: keyof EnvironmentFlags;
  flagName?: string;
  envVar: string;
  stack?: keyof LocalStackUrls;
  fallback?: (env: NodeJS.ProcessEnv) => string;
}

/** The ports `featc local up` uses with this environment (FEATC_KAFKA_PORT, FEATC_REDIS_PORT, …). */
const stackDefaults = (env: NodeJS.ProcessEnv): ReturnType<typeof resolveStackOptions>['ports'] => resolveStackOptions({}, env).ports;

/** The table every endpoint is resolved from. */
export const ENDPOINTS: Readonly<Record<EndpointName, EndpointSpec>> = {
  flinkUrl: { flag: 'flink', flagName: '--flink', envVar: 'FEATC_FLINK_URL', stack: 'flinkUrl' },
  gatewayUrl: { flag: 'gateway', flagName: '--gateway', envVar: 'FEATC_SQL_GATEWAY_URL', stack: 'gatewayUrl' },
  kafkaBootstrap: { flag: 'kafka', flagName: '--kafka', envVar: 'FEATC_KAFKA_BOOTSTRAP', stack: 'kafkaBootstrap', fallback: (env) => `127.0.0.1:${stackDefaults(env).kafka}` },
  redisUrl: { flag: 'redis', flagName: '--redis', envVar: 'FEATC_REDIS_URL', stack: 'redisUrl', fallback: (env) => `redis://127.0.0.1:${stackDefaults(env).redis}` },
  inferenceGatewayUrl: { envVar: 'FEATC_INFERENCE_GATEWAY' },
};

export const DEFAULT_REST_TIMEOUT_MS = 30_000;

const STACK_SERVICES: Record<keyof LocalStackUrls, ServiceName> = { flinkUrl: 'jobmanager', gatewayUrl: 'sqlGateway', kafkaBootstrap: 'kafka', redisUrl: 'redis' };

/** The services `featc local up` started whose processes still run (an external Redis it was given counts), from its state file. */
export function localStackUrls(): LocalStackUrls {
  const state = readState(stackPaths().stateFile);
  const out: LocalStackUrls = {};
  for (const [key, service] of Object.entries(STACK_SERVICES) as [keyof LocalStackUrls, ServiceName][]) {
    const rec = state.services[service];
    if (rec && isAlive(rec.pid)) out[key] = rec.url;
  }
  if (!out.redisUrl && state.external?.redisUrl) out.redisUrl = state.external.redisUrl;
  return out;
}

function nonEmpty(v: string | undefined): v is string {
  return v !== undefined && v !== '';
}

function resolveOne(name: EndpointName, flags: EnvironmentFlags, configured: ResolvedTargetConfig | undefined, env: NodeJS.ProcessEnv, stack: () => LocalStackUrls): Resolved<string> | undefined {
  const spec = ENDPOINTS[name];
  const flag = spec.flag ? flags[spec.flag] : undefined;
  if (nonEmpty(flag)) return { value: flag, from: 'flag', source: spec.flagName ?? '' };
  const fromTarget = configured?.[name];
  if (nonEmpty(fromTarget)) return { value: fromTarget, from: 'target', source: `target ${configured?.name ?? ''} › ${name}` };
  const fromEnv = env[spec.envVar];
  if (nonEmpty(fromEnv)) return { value: fromEnv, from: 'env', source: spec.envVar };
  const fromStack = spec.stack ? stack()[spec.stack] : undefined;
  if (nonEmpty(fromStack)) return { value: fromStack, from: 'local-stack', source: 'the local stack (featc local up)' };
  if (spec.fallback) return { value: spec.fallback(env), from: 'default', source: 'the default (the local stack\'s port)' };
  return undefined;
}

function restTimeout(flags: EnvironmentFlags, configured: ResolvedTargetConfig | undefined, env: NodeJS.ProcessEnv): Resolved<number> {
  const [raw, from, source]: [string | undefined, EndpointLayer, string] = nonEmpty(flags.restTimeout) ? [flags.restTimeout, 'flag', '--rest-timeout']
    : configured?.restTimeoutMs !== undefined ? [String(configured.restTimeoutMs), 'target', `target ${configured.name} › restTimeoutMs`]
      : nonEmpty(env.FEATC_REST_TIMEOUT_MS) ? [env.FEATC_REST_TIMEOUT_MS, 'env', 'FEATC_REST_TIMEOUT_MS'] : [undefined, 'default', 'the default'];
  if (raw === undefined) return { value: DEFAULT_REST_TIMEOUT_MS, from, source };
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms <= 0) throw new DeployError('FEATC_E7105', `${source} must be a positive number of milliseconds, got ${JSON.stringify(raw)}`, 'e.g. --rest-timeout 60000 (the default is 30000)');
  return { value: ms, from, source };
}

/**
 * Every endpoint and timeout, each from the first layer that names it: flag, featc.config target,
 * `FEATC_*` variable, running local stack, default. The one place featc decides where it connects;
 * every verb calls it (through `resolveTarget` for the Flink verbs).
 */
export async function resolveEnvironment(opts: EnvironmentOptions = {}): Promise<Environment> {
  const env = opts.env ?? process.env;
  const flags = opts.flags ?? {};
  const configured = 'configured' in opts ? opts.configured : selectTarget(await loadProjectConfig(opts.config ? { file: opts.config } : {}), opts.targetName, env);
  let stack: LocalStackUrls | undefined;
  const readStack = (): LocalStackUrls => (stack ??= (opts.localStack ?? localStackUrls)());
  const one = (name: EndpointName): Resolved<string> | undefined => resolveOne(name, flags, configured, env, readStack);
  const flinkUrl = one('flinkUrl');
  const gatewayUrl = one('gatewayUrl');
  const inferenceGatewayUrl = one('inferenceGatewayUrl');
  return {
    ...(flinkUrl ? { flinkUrl } : {}),
    ...(gatewayUrl ? { gatewayUrl } : {}),
    kafkaBootstrap: one('kafkaBootstrap') as Resolved<string>,
    redisUrl: one('redisUrl') as Resolved<string>,
    ...(inferenceGatewayUrl ? { inferenceGatewayUrl } : {}),
    restTimeoutMs: restTimeout(flags, configured, env),
    ...(configured ? { target: configured.name } : {}),
  };
}

/** `redis://127.0.0.1:6380 (from FEATC_REDIS_URL)`, for messages; a password in a URL is masked. */
export function describeEndpoint(r: Resolved<unknown>): string {
  return `${String(r.value).replace(/\/\/[^@/]*:[^@/]*@/, '//***@')} (from ${r.source})`;
}
