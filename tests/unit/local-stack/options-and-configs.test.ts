import { flinkConfig, kafkaServerProperties } from '../../../flink-deploy/local/configs.js';
import { choosesStackOptions, resolveStackOptions } from '../../../flink-deploy/local/options.js';
import { stackPaths } from '../../../flink-deploy/local/paths.js';
import { StackError } from '../../../flink-deploy/local/errors.js';
import { FLINK_VERSION, KAFKA_CONNECTOR_VERSION, KAFKA_VERSION, MODEL_OPENAI_VERSION } from '../../../flink-deploy/local/versions.js';

describe('stack options', () => {
  it('takes flags over environment over defaults', () => {
    const opts = resolveStackOptions({ flinkRest: 18081 }, { FEATC_FLINK_PORT: '28081', FEATC_KAFKA_PORT: '29092' });
    expect(opts.ports.flinkRest).toBe(18081);
    expect(opts.ports.kafka).toBe(29092);
    expect(opts.ports.sqlGateway).toBe(8083);
    expect(opts.taskSlots).toBeGreaterThanOrEqual(4);
    expect(opts.redisUrl).toBeUndefined();
  });

  it('uses an existing Redis when given a URL', () => {
    expect(resolveStackOptions({ redisUrl: 'redis://10.0.0.1:6379' }, {}).redisUrl).toBe('redis://10.0.0.1:6379');
  });

  it('knows when nothing was chosen, so `featc local up` restarts a stopped stack as it last ran', () => {
    expect(choosesStackOptions({}, {})).toBe(false);
    expect(choosesStackOptions({ redisUrl: undefined }, { FEATC_TASK_SLOTS: '4' })).toBe(false);
    expect(choosesStackOptions({ kafka: 19092 }, {})).toBe(true);
    expect(choosesStackOptions({}, { FEATC_REDIS_PORT: '16380' })).toBe(true);
    expect(choosesStackOptions({ ha: true }, {})).toBe(true);
    expect(choosesStackOptions({}, { FEATC_EXTERNAL_REDIS_URL: 'redis://10.0.0.1:6379' })).toBe(true);
  });
});

describe('generated configs', () => {
  const paths = stackPaths('/tmp/featc-unit-home', '/tmp/featc-unit-cache');
  const opts = resolveStackOptions({}, {});

  it('configures Flink for RocksDB, incremental exactly-once checkpoints under the data dir', () => {
    const c = flinkConfig(paths, opts);
    expect(c['state.backend.type']).toBe('rocksdb');
    expect(c['execution.checkpointing.incremental']).toBe(true);
    expect(c['execution.checkpointing.mode']).toBe('EXACTLY_ONCE');
    expect(c['execution.checkpointing.dir']).toBe('file:///tmp/featc-unit-home/data/checkpoints');
    expect(c['execution.checkpointing.savepoint-dir']).toBe('file:///tmp/featc-unit-home/data/savepoints');
    expect(c['taskmanager.numberOfTaskSlots']).toBe(opts.taskSlots);
    expect(c['rest.port']).toBe(8081);
    expect(c['sql-gateway.endpoint.rest.port']).toBe(8083);
  });

  it("lets the broker accept Flink's one-hour exactly-once transactions", () => {
    const k = kafkaServerProperties(paths, opts);
    expect(k['transaction.max.timeout.ms']).toBe(3_600_000);
    expect(k['process.roles']).toBe('broker,controller');
    expect(k.listeners).toBe('PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093');
  });

  it('keys the jar cache by versions', () => {
    expect(paths.flinkLib).toBe(`/tmp/featc-unit-cache/flink-${FLINK_VERSION}_model-openai-${MODEL_OPENAI_VERSION}_connector-${KAFKA_CONNECTOR_VERSION}_kafka-${KAFKA_VERSION}/flink/lib`);
    expect(FLINK_VERSION).toMatch(/^2\.2\.\d+$/); // the Kafka SQL connector 5.0.0-2.2 is built for Flink 2.2
  });
});

describe('StackError', () => {
  it('prints code, message, details and hint', () => {
    const e = new StackError('FEATC_E9010', 'port 8081 (Flink REST) is already taken by another process', 'choose another port: featc local up --flink-port <port>', 1, ['detail line']);
    expect(e.format()).toBe('error FEATC_E9010 port 8081 (Flink REST) is already taken by another process\n  detail line\n  hint: choose another port: featc local up --flink-port <port>');
    expect(e.exitCode).toBe(1);
  });
});
