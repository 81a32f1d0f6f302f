export interface StackPorts {
  flinkRest: number;
  flinkRpc: number;
  sqlGateway: number;
  kafka: number;
  kafkaController: number;
  redis: number;
  /** ZooKeeper client port; used only with `ha`. */
  zookeeper: number;
}

export interface StackOptions {
  ports: StackPorts;
  /** Use an existing Redis instead of starting one. */
  redisUrl?: string;
  /** Task slots of the one TaskManager. */
  taskSlots: number;
  /** TaskManager process memory, e.g. `2560m`. */
  taskManagerMemory: string;
  /** JobManager high availability: a local ZooKeeper keeps the leader, the jobs and their checkpoints, so a restarted JobManager resumes them. */
  ha?: boolean;
}

const DEFAULT_PORTS: StackPorts = {
  flinkRest: 8081,
  flinkRpc: 6123,
  sqlGateway: 8083,
  kafka: 9092,
  kafkaController: 9093,
  redis: 6380,
  zookeeper: 2181,
};

const ENV_NAMES: Record<keyof StackPorts, string> = {
  flinkRest: 'FEATC_FLINK_PORT',
  flinkRpc: 'FEATC_FLINK_RPC_PORT',
  sqlGateway: 'FEATC_SQL_GATEWAY_PORT',
  kafka: 'FEATC_KAFKA_PORT',
  kafkaController: 'FEATC_KAFKA_CONTROLLER_PORT',
  redis: 'FEATC_REDIS_PORT',
  zookeeper: 'FEATC_ZOOKEEPER_PORT',
};

/** Ports from flags, then environment variables, then defaults. */
export function resolveStackOptions(flags: Partial<StackPorts> & { redisUrl?: string | undefined; ha?: boolean | undefined } = {}, env = process.env): StackOptions {
  const ports = { ...DEFAULT_PORTS };
  for (const key of Object.keys(DEFAULT_PORTS) as (keyof StackPorts)[]) {
    const fromFlag = flags[key];
    const fromEnv = env[ENV_NAMES[key]];
    if (fromFlag !== undefined) ports[key] = fromFlag;
    else if (fromEnv) ports[key] = Number(fromEnv);
  }
  const redisUrl = flags.redisUrl ?? env.FEATC_EXTERNAL_REDIS_URL;
  const ha = flags.ha ?? env.FEATC_HA === '1';
  return {
    ports,
    ...(redisUrl ? { redisUrl } : {}),
    ...(ha ? { ha: true } : {}),
    taskSlots: Number(env.FEATC_TASK_SLOTS ?? 8),
    taskManagerMemory: env.FEATC_TM_MEMORY ?? '3g',
  };
}

export function portEnvName(key: keyof StackPorts): string {
  return ENV_NAMES[key];
}

/** Whether flags or the environment choose any port, an external Redis or HA (else a stopped stack restarts as it last ran). */
export function choosesStackOptions(flags: Partial<StackPorts> & { redisUrl?: string | undefined; ha?: boolean | undefined }, env = process.env): boolean {
  const keys = Object.keys(DEFAULT_PORTS) as (keyof StackPorts)[];
  return keys.some((k) => flags[k] !== undefined || Boolean(env[ENV_NAMES[k]])) || Boolean(flags.redisUrl || flags.ha || env.FEATC_EXTERNAL_REDIS_URL || env.FEATC_HA === '1');
}

/** How long a service may take to become healthy (`FEATC_START_TIMEOUT_MS`, default 180 s), read when asked. */
export function startTimeoutMs(env = process.env): number {
  const n = Number(env.FEATC_START_TIMEOUT_MS ?? 180_000);
  return Number.isFinite(n) && n > 0 ? n : 180_000;
}
