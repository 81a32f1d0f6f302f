import { loadProjectConfig, selectTarget, type ResolvedTargetConfig } from '../config/load-config.js';
import { stackPaths, stackStatus } from './local/index.js';
import { DeployError } from './deploy-error.js';
import { describeEndpoint, localStackUrls, resolveEnvironment, type Environment, type EndpointLayer, type LocalStackUrls } from './environment.js';
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
  /** The running local stack's URLs (tests); default: its state file. */
  localStack?: () => LocalStackUrls;
}

/** The JobManager client for a target, with its request timeout. */
export function jobManagerOf(t: Pick<Target, 'flinkUrl' | 'restTimeoutMs'>): JobManagerClient {
  return new JobManagerClient(t.flinkUrl, t.restTimeoutMs ? { timeoutMs: t.restTimeoutMs } : {});
}

/** The SQL Gateway client for a target, with its request timeout. */
export function sqlGatewayOf(t: Target): SqlGatewayClient {
  return new SqlGatewayClient(t.gatewayUrl, t.restTimeoutMs ? { timeoutMs: t.restTimeoutMs } : {});
}

const TARGET_FROM: Record<EndpointLayer, Target['from'] | undefined> = { flag: 'flags', target: 'config', env: 'env', 'local-stack': 'local-stack', default: undefined };

/**
 * Where featc deploys, from {@link resolveEnvironment}'s one precedence (flag, featc.config target,
 * FEATC_* variable, running local stack). The JobManager and the SQL Gateway are one cluster: both
 * come from the same place, and its Kafka from a flag or that place ({@link KAFKA_LAYERS}). There is
 * no default cluster.
 */
export async function resolveTarget(opts: TargetOptions = {}): Promise<Target> {
  const env = opts.env ?? process.env;
  const configured = 'configured' in opts ? opts.configured : selectTarget(await loadProjectConfig(opts.config ? { file: opts.config } : {}), opts.targetName, env);
  const environment = await resolveEnvironment({
    flags: { flink: opts.flink, gateway: opts.gateway, kafka: opts.kafka, restTimeout: opts.restTimeout },
    configured, env, ...(opts.localStack ? { localStack: opts.localStack } : {}),
  });
  return targetOf(environment, configured, opts.localStack ? { ...LOCAL_STACK, kafka: () => opts.localStack?.().kafkaBootstrap } : LOCAL_STACK);
}

/**
 * Where a cluster's Kafka may come from, by where the cluster came from: a flag, or the place that
 * named the cluster (a target's Kafka never from an exported FEATC_KAFKA_BOOTSTRAP, a local
 * cluster's never from a target or the environment: each could belong to another system).
 */
const KAFKA_LAYERS: Record<Target['from'], readonly EndpointLayer[]> = {
  flags: ['flag', 'target', 'env'],
  config: ['flag', 'target'],
  env: ['flag', 'target', 'env'],
  'local-stack': ['flag', 'local-stack'],
};

const KAFKA_HINT: Record<Target['from'], string> = {
  flags: 'pass --kafka <bootstrap> (or set it in the featc.config target, or FEATC_KAFKA_BOOTSTRAP)',
  config: 'add kafkaBootstrap to the target in featc.config.ts, or pass --kafka <bootstrap>',
  env: 'set FEATC_KAFKA_BOOTSTRAP, or pass --kafka <bootstrap>',
  'local-stack': 'pass --kafka <bootstrap>',
};

/** What targetOf asks of the local stack. */
export interface LocalStackProbe {
  /** Its Kafka: a local cluster's Kafka unless a flag names another. */
  kafka(): string | undefined;
  /** Whether its JobManager and SQL Gateway answer. */
  clusterHealthy(): Promise<boolean>;
}

const LOCAL_STACK: LocalStackProbe = {
  kafka: () => localStackUrls().kafkaBootstrap,
  clusterHealthy: async () => {
    const s = (await stackStatus(stackPaths())).services;
    return s.jobmanager.healthy && s.sqlGateway.healthy;
  },
};

/** The deploy target of a resolved environment; `configured` gives the state URIs and the target's name. */
export async function targetOf(e: Environment, configured?: ResolvedTargetConfig, local: LocalStackProbe = LOCAL_STACK): Promise<Target> {
  const { flinkUrl: flink, gatewayUrl: gateway, kafkaBootstrap: kafka } = e;
  if (flink?.from === 'flag' || gateway?.from === 'flag') {
    if (flink?.from !== 'flag' || gateway?.from !== 'flag') throw new DeployError('FEATC_E7103', 'pass both --flink and --gateway', 'e.g. --flink http://jm:8081 --gateway http://gw:8083');
  } else if (flink?.from !== gateway?.from && [flink, gateway].some((r) => r !== undefined && r.from !== 'local-stack')) {
    throw new DeployError('FEATC_E7103', `the JobManager (${flink ? describeEndpoint(flink) : 'not given'}) and the SQL Gateway (${gateway ? describeEndpoint(gateway) : 'not given'}) must come from the same place`,
      'name both: flinkUrl and gatewayUrl in the featc.config target, FEATC_FLINK_URL and FEATC_SQL_GATEWAY_URL, or --flink and --gateway');
  }
  const from = flink ? TARGET_FROM[flink.from] : undefined;
  if (!flink || !gateway || from === undefined || (from === 'local-stack' && !(await local.clusterHealthy()))) {
    throw new DeployError('FEATC_E7104', 'no target given and the local stack is not running', 'start it with `featc local up`, or pass --flink/--gateway/--kafka (or featc.config.json, or FEATC_FLINK_URL/FEATC_SQL_GATEWAY_URL/FEATC_KAFKA_BOOTSTRAP)', 2);
  }
  const kafkaBootstrap = KAFKA_LAYERS[from].includes(kafka.from) ? kafka.value : from === 'local-stack' ? local.kafka() : undefined;
  if (kafkaBootstrap === undefined) {
    const ignored = kafka.from === 'target' || kafka.from === 'env' ? ` (${describeEndpoint(kafka)} is not used for it)` : '';
    throw new DeployError('FEATC_E7102', `the target (${from}) names Flink but not Kafka${ignored}`, KAFKA_HINT[from]);
  }
  const strip = (u: string): string => u.replace(/\/+$/, '');
  return {
    flinkUrl: strip(flink.value), gatewayUrl: strip(gateway.value), kafkaBootstrap, from,
    ...(configured?.savepointDir ? { savepointDir: configured.savepointDir } : {}),
    ...(configured?.checkpointDir ? { checkpointDir: configured.checkpointDir } : {}),
    ...(configured && from === 'config' ? { name: configured.name } : {}),
    ...(e.restTimeoutMs.from === 'default' ? {} : { restTimeoutMs: e.restTimeoutMs.value }),
  };
}
