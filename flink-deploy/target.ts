import { loadProjectConfig, selectTarget, type ResolvedTargetConfig } from '../config/load-config.js';
import { stackPaths, stackStatus } from './local/index.js';
import { DeployError } from './deploy-error.js';
import { JobManagerClient, SqlGatewayClient } from './rest/index.js';

/** Where featc deploys: the cluster's two REST endpoints, the Kafka the jobs read, and optional state URIs. */
export interface Target {
  flinkUrl: string;
  gatewayUrl: string;
  kafkaBootstrap: string;
  /** Savepoint URI for stop-with-savepoint; default: the cluster's `execution.checkpointing.savepoint-dir`. */
  savepointDir?: string;
  /** Checkpoint URI; default: the cluster's `execution.checkpointing.dir`. */
  checkpointDir?: string;
  /** Where the endpoints came from, for messages. */
  from: 'flags' | 'config' | 'env' | 'local-stack';
  /** The config target's name, when one was used. */
  name?: string;
  /** Per REST request (headers, and between body chunks); default 30 s. */
  restTimeoutMs?: number;
}

export interface TargetOptions {
  flink?: string;
  gateway?: string;
  kafka?: string;
  /** Config file; default: the nearest featc.config.ts / featc.config.json at or above the working directory. */
  config?: string;
  /** `--target <name>`: a target of the config; default its `defaultTarget`. */
  targetName?: string;
  /** The config target already chosen (`undefined`: the config names none); given, the config is not read again. */
  configured?: ResolvedTargetConfig | undefined;
  /** `--rest-timeout`; else the config's `restTimeoutMs`, else FEATC_REST_TIMEOUT_MS. */
  restTimeout?: string;
  env?: NodeJS.ProcessEnv;
}

type ConfigFile = Omit<ResolvedTargetConfig, 'name'>;

/** The JobManager client for a target, with its request timeout. */
export function jobManagerOf(t: Pick<Target, 'flinkUrl' | 'restTimeoutMs'>): JobManagerClient {
  return new JobManagerClient(t.flinkUrl, t.restTimeoutMs ? { timeoutMs: t.restTimeoutMs } : {});
}

/** The SQL Gateway client for a target, with its request timeout. */
export function sqlGatewayOf(t: Target): SqlGatewayClient {
  return new SqlGatewayClient(t.gatewayUrl, t.restTimeoutMs ? { timeoutMs: t.restTimeoutMs } : {});
}

function restTimeoutMs(opts: TargetOptions, config: ConfigFile, env: NodeJS.ProcessEnv): number | undefined {
  const [raw, from] = opts.restTimeout !== undefined ? [opts.restTimeout, '--rest-timeout']
    : config.restTimeoutMs !== undefined ? [String(config.restTimeoutMs), 'restTimeoutMs in the config']
      : env.FEATC_REST_TIMEOUT_MS ? [env.FEATC_REST_TIMEOUT_MS, 'FEATC_REST_TIMEOUT_MS'] : [undefined, ''];
  if (raw === undefined) return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms <= 0) throw new DeployError('FEATC_E7105', `${from} must be a positive number of milliseconds, got ${JSON.stringify(raw)}`, 'e.g. --rest-timeout 60000 (the default is 30000)');
  return ms;
}

function complete(t: Partial<Target>, from: Target['from']): Target | undefined {
  if (!t.flinkUrl || !t.gatewayUrl) return undefined;
  if (!t.kafkaBootstrap) {
    throw new DeployError('FEATC_E7102', `the target (${from}) names Flink but not Kafka`, 'pass --kafka <bootstrap>, set FEATC_KAFKA_BOOTSTRAP, or add kafkaBootstrap to the target in featc.config.ts');
  }
  const strip = (u: string): string => u.replace(/\/+$/, '');
  return {
    flinkUrl: strip(t.flinkUrl), gatewayUrl: strip(t.gatewayUrl), kafkaBootstrap: t.kafkaBootstrap, from,
    ...(t.savepointDir ? { savepointDir: t.savepointDir } : {}),
    ...(t.checkpointDir ? { checkpointDir: t.checkpointDir } : {}),
  };
}

/** Flags win, then the config's target (`--target` or `defaultTarget`), then FEATC_* environment variables, then the local stack. */
export async function resolveTarget(opts: TargetOptions = {}): Promise<Target> {
  const env = opts.env ?? process.env;
  const configured = 'configured' in opts ? opts.configured : selectTarget(await loadProjectConfig(opts.config ? { file: opts.config } : {}), opts.targetName, env);
  const config: ConfigFile = configured ?? {};
  const timeout = restTimeoutMs(opts, config, env);
  const t = await resolveEndpoints(opts, config, env);
  const named = configured && t.from === 'config' ? { ...t, name: configured.name } : t;
  return timeout ? { ...named, restTimeoutMs: timeout } : named;
}

async function resolveEndpoints(opts: TargetOptions, config: ConfigFile, env: NodeJS.ProcessEnv): Promise<Target> {
  const extras = { ...(config.savepointDir ? { savepointDir: config.savepointDir } : {}), ...(config.checkpointDir ? { checkpointDir: config.checkpointDir } : {}) };
  const kafkaFallback = opts.kafka ?? config.kafkaBootstrap ?? env.FEATC_KAFKA_BOOTSTRAP;
  if (opts.flink || opts.gateway) {
    if (!opts.flink || !opts.gateway) throw new DeployError('FEATC_E7103', 'pass both --flink and --gateway', 'e.g. --flink http://jm:8081 --gateway http://gw:8083');
    return complete({ flinkUrl: opts.flink, gatewayUrl: opts.gateway, ...(kafkaFallback ? { kafkaBootstrap: kafkaFallback } : {}), ...extras }, 'flags')!;
  }
  const fromConfig = complete({ ...config, ...(opts.kafka ? { kafkaBootstrap: opts.kafka } : {}) }, 'config');
  if (fromConfig) return fromConfig;
  const fromEnv = complete({ ...(env.FEATC_FLINK_URL ? { flinkUrl: env.FEATC_FLINK_URL } : {}), ...(env.FEATC_SQL_GATEWAY_URL ? { gatewayUrl: env.FEATC_SQL_GATEWAY_URL } : {}), ...(kafkaFallback ? { kafkaBootstrap: kafkaFallback } : {}), ...extras }, 'env');
  if (fromEnv) return fromEnv;
  const status = await stackStatus(stackPaths());
  const s = status.services;
  if (!s.jobmanager.healthy || !s.sqlGateway.healthy) {
    throw new DeployError('FEATC_E7104', 'no target given and the local stack is not running', 'start it with `featc local up`, or pass --flink/--gateway/--kafka (or featc.config.json, or FEATC_FLINK_URL/FEATC_SQL_GATEWAY_URL/FEATC_KAFKA_BOOTSTRAP)', 2);
  }
  return complete({ flinkUrl: s.jobmanager.url, gatewayUrl: s.sqlGateway.url, kafkaBootstrap: opts.kafka ?? s.kafka.url, ...extras }, 'local-stack')!;
}
