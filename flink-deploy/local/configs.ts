import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackOptions } from './options.js';
import type { StackPaths } from './paths.js';

/** Flink's config.yaml for the local session cluster (flat keys, which Flink 2.x accepts). */
export function flinkConfig(paths: StackPaths, opts: StackOptions): Record<string, string | number | boolean> {
  const uri = (p: string): string => `file://${join(paths.data, p)}`;
  return {
    'jobmanager.rpc.address': '127.0.0.1',
    'jobmanager.rpc.port': opts.ports.flinkRpc,
    'jobmanager.bind-host': '127.0.0.1',
    'jobmanager.memory.process.size': '1200m',
    'jobmanager.execution.failover-strategy': 'region',
    'taskmanager.host': '127.0.0.1',
    'taskmanager.bind-host': '127.0.0.1',
    'taskmanager.numberOfTaskSlots': opts.taskSlots,
    // A stable id (unique per stack: it names the TaskManager's working dir under /tmp): a TaskManager
    // restarted after a crash takes over its dead registration when it registers, instead of the
    // JobManager waiting for the old one's heartbeat to time out.
    'taskmanager.resource-id': `featc-local-taskmanager-${opts.ports.flinkRest}`,
    'taskmanager.memory.process.size': opts.taskManagerMemory,
    'rest.address': '127.0.0.1',
    'rest.bind-address': '127.0.0.1',
    'rest.port': opts.ports.flinkRest,
    'parallelism.default': 1,
    'state.backend.type': 'rocksdb',
    'execution.checkpointing.interval': '1s',
    'execution.checkpointing.mode': 'EXACTLY_ONCE',
    'execution.checkpointing.incremental': true,
    'execution.checkpointing.dir': uri('checkpoints'),
    'execution.checkpointing.savepoint-dir': uri('savepoints'),
    'execution.checkpointing.externalized-checkpoint-retention': 'RETAIN_ON_CANCELLATION',
    'execution.checkpointing.num-retained': 3,
    'restart-strategy.type': 'exponential-delay',
    'restart-strategy.exponential-delay.initial-backoff': '1s',
    'restart-strategy.exponential-delay.max-backoff': '10s',
    'heartbeat.timeout': 15000,
    'web.submit.enable': false,
    'sql-gateway.endpoint.rest.address': '127.0.0.1',
    'sql-gateway.endpoint.rest.bind-address': '127.0.0.1',
    'sql-gateway.endpoint.rest.port': opts.ports.sqlGateway,
    'sql-gateway.session.idle-timeout': '30min',
    'metrics.reporter.prom.factory.class': 'org.apache.flink.metrics.prometheus.PrometheusReporterFactory',
    'metrics.reporter.prom.port': '9250-9260',
    'metrics.reporter.prom.host': '127.0.0.1',
    ...(opts.ha ? haConfig(paths, opts) : {}),
  };
}

/**
 * ZooKeeper HA: the leader, the submitted jobs and their completed checkpoints live in ZooKeeper
 * (metadata files under `data/ha`), so a JobManager restarted after a crash recovers every job from
 * its latest checkpoint. A short session timeout lets the new JobManager take the leadership quickly.
 */
function haConfig(paths: StackPaths, opts: StackOptions): Record<string, string | number> {
  return {
    'high-availability.type': 'zookeeper',
    'high-availability.zookeeper.quorum': `127.0.0.1:${opts.ports.zookeeper}`,
    'high-availability.storageDir': `file://${join(paths.data, 'ha')}`,
    'high-availability.cluster-id': '/featc-local',
    'high-availability.jobmanager.port': opts.ports.flinkRpc,
    'high-availability.zookeeper.client.session-timeout': '6 s',
    'high-availability.zookeeper.client.connection-timeout': '5 s',
  };
}

function zookeeperConfig(paths: StackPaths, opts: StackOptions): Record<string, string | number> {
  return {
    tickTime: 1000,
    dataDir: join(paths.data, 'zookeeper'),
    clientPort: opts.ports.zookeeper,
    clientPortAddress: '127.0.0.1',
    maxClientCnxns: 0,
    'admin.enableServer': 'false',
    '4lw.commands.whitelist': 'ruok',
  };
}

export function kafkaServerProperties(paths: StackPaths, opts: StackOptions): Record<string, string | number | boolean> {
  const { kafka, kafkaController } = opts.ports;
  return {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.bootstrap.servers': `127.0.0.1:${kafkaController}`,
    listeners: `PLAINTEXT://127.0.0.1:${kafka},CONTROLLER://127.0.0.1:${kafkaController}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${kafka}`,
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': join(paths.data, 'kafka'),
    'num.partitions': 1,
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // Flink's exactly-once Kafka sink asks for 1 h transactions; the broker default caps them at 15 min.
    'transaction.max.timeout.ms': 3_600_000,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': true,
  };
}

const FLINK_LOG4J = `rootLogger.level = INFO
rootLogger.appenderRef.main.ref = MainAppender
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
appender.main.name = MainAppender
appender.main.type = File
appender.main.append = true
appender.main.fileName = \${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %c{1} - %m%n
`;

/** Kafka logs to its stdout, which `featc local up` appends to logs/kafka.log (so start errors and `featc local logs kafka` see it). */
const KAFKA_LOG4J2 = `Configuration:
  Appenders:
    Console:
      name: Main
      target: SYSTEM_OUT
      PatternLayout: { pattern: "[%d] %p %m (%c)%n" }
  Loggers:
    Root: { level: INFO, AppenderRef: [ { ref: Main } ] }
`;

/** Writes every generated config file of the stack under `.featc/conf`. */
export function writeStackConfigs(paths: StackPaths, opts: StackOptions): void {
  mkdirSync(paths.conf, { recursive: true });
  mkdirSync(paths.logs, { recursive: true });
  mkdirSync(paths.data, { recursive: true });
  writeFileSync(join(paths.conf, 'config.yaml'), render(flinkConfig(paths, opts), ': '));
  writeFileSync(join(paths.conf, 'log4j.properties'), FLINK_LOG4J);
  writeFileSync(join(paths.conf, 'kafka.properties'), render(kafkaServerProperties(paths, opts), '='));
  writeFileSync(join(paths.conf, 'kafka-log4j2.yaml'), KAFKA_LOG4J2);
  if (opts.ha) writeFileSync(join(paths.conf, 'zoo.cfg'), render(zookeeperConfig(paths, opts), '='));
}

function render(entries: Record<string, string | number | boolean>, sep: string): string {
  return '# generated by `featc local up`; edits are overwritten\n' + Object.entries(entries).map(([k, v]) => `${k}${sep}${v}`).join('\n') + '\n';
}
