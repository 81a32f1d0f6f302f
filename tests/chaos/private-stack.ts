import { rmSync } from 'node:fs';
import { Progress, resolveStackOptions, stackDown, stackPaths, type StackPaths, type StackPorts } from '../../flink-deploy/local/index.js';
import { stackUpForTests } from '../support/stack-up.js';

export interface ChaosEndpoints {
  flinkUrl: string;
  gatewayUrl: string;
  kafkaBootstrap: string;
  redisUrl: string;
}

/** Shifts every chaos port (FEATC_CHAOS_PORT_OFFSET), so two suites can run on one machine. */
const OFFSET = Number(process.env.FEATC_CHAOS_PORT_OFFSET ?? 0);

/** Ports of the suite's own stack: distinct from the shared stack's defaults (8081, 6123, 8083, 9092, 9093, 6380, 2181). */
export const CHAOS_PORTS: StackPorts = {
  flinkRest: 18081 + OFFSET,
  flinkRpc: 16123 + OFFSET,
  sqlGateway: 18083 + OFFSET,
  kafka: 19092 + OFFSET,
  kafkaController: 19093 + OFFSET,
  redis: 16380 + OFFSET,
  zookeeper: 12181 + OFFSET,
};

export interface PrivateStack {
  paths: StackPaths;
  endpoints: ChaosEndpoints;
  stop(): Promise<void>;
}

/**
 * Starts a fresh stack with JobManager HA under `home` (its previous data is removed: the suite owns
 * that directory), so the faults never touch the shared stack other engineers use.
 */
export async function startPrivateStack(home: string, log: (line: string) => void): Promise<PrivateStack> {
  const paths = stackPaths(home);
  await stackDown(paths, new Progress(() => undefined));
  rmSync(paths.data, { recursive: true, force: true });
  rmSync(paths.logs, { recursive: true, force: true });
  const opts = resolveStackOptions({ ...CHAOS_PORTS, ha: true }, {});
  const status = await stackUpForTests(paths, opts, new Progress(log));
  const s = status.services;
  return {
    paths,
    endpoints: { flinkUrl: s.jobmanager.url, gatewayUrl: s.sqlGateway.url, kafkaBootstrap: s.kafka.url, redisUrl: s.redis.url },
    stop: () => stackDown(paths, new Progress(log)),
  };
}
