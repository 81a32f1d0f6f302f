import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StackError } from './errors.js';
import { jobManagerHealth, kafkaHealth, redisHealth, sqlGatewayHealth, taskManagerHealth, zookeeperHealth, type Health } from './health.js';
import { FLINK_JAVA_OPENS, flinkMemoryParams, javaBinary } from './java.js';
import type { StackOptions } from './options.js';
import type { StackPaths } from './paths.js';
import type { ServiceName } from './processes.js';
import { runCommand } from './run-command.js';

export interface ServiceSpec {
  name: ServiceName;
  label: string;
  url: string;
  /** Ports this service binds, with the flag that moves each. */
  ports: { port: number; what: string; flag: string }[];
  log: string;
  /** Prepares files (storage format) and returns the command line. */
  command(): Promise<{ cmd: string; args: string[]; env?: NodeJS.ProcessEnv }>;
  health(deep: boolean): Promise<Health>;
}

/**
 * `kafka-storage format` for a new stack. The directory holds no data yet (no meta.properties), so a
 * failed attempt is cleared and tried once more; a second failure shows the tool's own output.
 */
async function formatKafkaStorage(paths: StackPaths, cp: string[], props: string): Promise<void> {
  const dir = join(paths.data, 'kafka');
  let output: string[] = [];
  for (let attempt = 1; attempt <= 2; attempt++) {
    const r = await runCommand(javaBinary(), [...cp, 'kafka.tools.StorageTool', 'format', '-t', randomBytes(16).toString('base64url'), '-c', props, '--standalone']);
    if (r.code === 0) return;
    output = `${r.stdout}${r.stderr}`.trimEnd().split('\n').filter((l) => !/^\s+(at |\.\.\. \d+ more)/.test(l)).slice(-8);
    rmSync(dir, { recursive: true, force: true });
  }
  const cause = output.findLast((l) => /Exception/.test(l)) ?? output.findLast((l) => /Error/.test(l)) ?? output.at(-1) ?? 'no output';
  throw new StackError('FEATC_E9021', `formatting the Kafka storage failed twice: ${cause.trim()}`, `remove ${dir} and run \`featc local up\` again`, 2, output);
}

export function serviceUrls(opts: StackOptions): Record<ServiceName, string> {
  const flink = `http://127.0.0.1:${opts.ports.flinkRest}`;
  return {
    redis: opts.redisUrl ?? `redis://127.0.0.1:${opts.ports.redis}`,
    kafka: `127.0.0.1:${opts.ports.kafka}`,
    zookeeper: `127.0.0.1:${opts.ports.zookeeper}`,
    jobmanager: flink,
    taskmanager: `${flink}/taskmanagers`,
    sqlGateway: `http://127.0.0.1:${opts.ports.sqlGateway}`,
  };
}

export function serviceSpecs(paths: StackPaths, opts: StackOptions): ServiceSpec[] {
  const urls = serviceUrls(opts);
  const log = (n: string): string => join(paths.logs, `${n}.log`);
  const flinkJava = (name: string, mainClass: string, jvm: string[], extra: string[] = []): { cmd: string; args: string[]; env: NodeJS.ProcessEnv } => ({
    cmd: javaBinary(),
    env: { ...process.env, FLINK_CONF_DIR: paths.conf },
    args: [...FLINK_JAVA_OPENS, ...jvm, `-Dlog.file=${log(name)}`, `-Dlog4j.configurationFile=file:${join(paths.conf, 'log4j.properties')}`,
      '-cp', `${paths.flinkLib}/*`, mainClass, '--configDir', paths.conf, ...extra],
  });
  const specs: ServiceSpec[] = [
    {
      name: 'kafka', label: 'Kafka broker (KRaft)', url: urls.kafka, log: log('kafka'),
      ports: [{ port: opts.ports.kafka, what: 'Kafka', flag: '--kafka-port' }, { port: opts.ports.kafkaController, what: 'Kafka controller', flag: '--kafka-controller-port' }],
      command: async () => {
        const props = join(paths.conf, 'kafka.properties');
        const cp = ['-cp', `${paths.kafkaLib}/*`];
        if (!existsSync(join(paths.data, 'kafka', 'meta.properties'))) await formatKafkaStorage(paths, cp, props);
        return { cmd: javaBinary(), args: ['-Xmx1g', '-Xms256m', `-Dlog4j2.configurationFile=${join(paths.conf, 'kafka-log4j2.yaml')}`, ...cp, 'kafka.Kafka', props] };
      },
      health: (deep) => kafkaHealth(urls.kafka, deep),
    },
    {
      name: 'jobmanager', label: 'Flink JobManager', url: urls.jobmanager, log: log('jobmanager'),
      ports: [{ port: opts.ports.flinkRest, what: 'Flink REST', flag: '--flink-port' }, { port: opts.ports.flinkRpc, what: 'Flink RPC', flag: '--flink-rpc-port' }],
      command: async () => {
        const mem = await flinkMemoryParams('JM', paths.flinkLib, paths.conf);
        return flinkJava('jobmanager', 'org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint', mem.jvmArgs, mem.dynamicProperties);
      },
      health: () => jobManagerHealth(urls.jobmanager),
    },
    {
      name: 'taskmanager', label: `Flink TaskManager (${opts.taskSlots} slots)`, url: urls.taskmanager, log: log('taskmanager'), ports: [],
      command: async () => {
        const mem = await flinkMemoryParams('TM', paths.flinkLib, paths.conf);
        return flinkJava('taskmanager', 'org.apache.flink.runtime.taskexecutor.TaskManagerRunner', mem.jvmArgs, mem.dynamicProperties);
      },
      health: () => taskManagerHealth(urls.jobmanager, opts.taskSlots),
    },
    {
      name: 'sqlGateway', label: 'Flink SQL Gateway', url: urls.sqlGateway, log: log('sql-gateway'),
      ports: [{ port: opts.ports.sqlGateway, what: 'SQL Gateway', flag: '--gateway-port' }],
      command: async () => flinkJava('sql-gateway', 'org.apache.flink.table.gateway.SqlGateway', ['-Xmx768m']),
      health: () => sqlGatewayHealth(urls.sqlGateway),
    },
  ];
  if (opts.ha) specs.splice(1, 0, zookeeperSpec(paths, opts, urls.zookeeper, log('zookeeper')));
  if (!opts.redisUrl) {
    specs.unshift({
      name: 'redis', label: 'Redis', url: urls.redis, log: log('redis'),
      ports: [{ port: opts.ports.redis, what: 'Redis', flag: '--redis-port' }],
      command: async () => {
        const dir = join(paths.data, 'redis');
        mkdirSync(dir, { recursive: true });
        return { cmd: 'redis-server', args: ['--port', String(opts.ports.redis), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--daemonize', 'no'] };
      },
      health: () => redisHealth(urls.redis),
    });
  }
  return specs;
}

/** ZooKeeper for JobManager HA: the standalone server inside Flink's shaded ZooKeeper jar (already in the Flink lib). */
function zookeeperSpec(paths: StackPaths, opts: StackOptions, url: string, logFile: string): ServiceSpec {
  return {
    name: 'zookeeper', label: 'ZooKeeper (JobManager HA)', url, log: logFile,
    ports: [{ port: opts.ports.zookeeper, what: 'ZooKeeper', flag: '--zookeeper-port' }],
    command: async () => {
      mkdirSync(join(paths.data, 'zookeeper'), { recursive: true });
      return {
        cmd: javaBinary(),
        args: ['-Xmx256m', '-Dzookeeper.admin.enableServer=false', '-Dzookeeper.4lw.commands.whitelist=ruok', `-Dlog.file=${logFile}`,
          `-Dlog4j.configurationFile=file:${join(paths.conf, 'log4j.properties')}`, '-cp', `${paths.flinkLib}/*`, ZOOKEEPER_MAIN, join(paths.conf, 'zoo.cfg')],
      };
    },
    health: () => zookeeperHealth(url),
  };
}

const ZOOKEEPER_MAIN = 'org.apache.flink.shaded.zookeeper3.org.apache.zookeeper.server.ZooKeeperServerMain';
