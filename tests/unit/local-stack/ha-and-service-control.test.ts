import { flinkConfig } from '../../../flink-deploy/local/configs.js';
import { resolveStackOptions } from '../../../flink-deploy/local/options.js';
import { stackPaths } from '../../../flink-deploy/local/paths.js';
import { serviceSpecs } from '../../../flink-deploy/local/services.js';
import { restartService, startService } from '../../../flink-deploy/local/service-control.js';
import { StackError } from '../../../flink-deploy/local/errors.js';

describe('local stack with JobManager HA (--ha)', () => {
  const paths = stackPaths('/tmp/featc-unit-ha-home', '/tmp/featc-unit-cache');

  it('adds ZooKeeper between Kafka and the JobManager and points Flink at it', () => {
    const opts = resolveStackOptions({ ha: true, zookeeper: 12181, flinkRpc: 16123 }, {});
    expect(serviceSpecs(paths, opts).map((s) => s.name)).toEqual(['redis', 'kafka', 'zookeeper', 'jobmanager', 'taskmanager', 'sqlGateway']);
    const c = flinkConfig(paths, opts);
    expect(c['high-availability.type']).toBe('zookeeper');
    expect(c['high-availability.zookeeper.quorum']).toBe('127.0.0.1:12181');
    expect(c['high-availability.storageDir']).toBe('file:///tmp/featc-unit-ha-home/data/ha');
    expect(c['high-availability.jobmanager.port']).toBe(16123);
  });

  it('leaves HA out by default, and gives each stack its own TaskManager id', () => {
    const opts = resolveStackOptions({}, {});
    expect(serviceSpecs(paths, opts).some((s) => s.name === 'zookeeper')).toBe(false);
    expect(Object.keys(flinkConfig(paths, opts)).some((k) => k.startsWith('high-availability'))).toBe(false);
    expect(flinkConfig(paths, opts)['taskmanager.resource-id']).toBe('featc-local-taskmanager-8081');
    expect(resolveStackOptions({}, { FEATC_HA: '1' }).ha).toBe(true);
  });

  it('refuses to restart a service of a stack that was never started', async () => {
    const never = stackPaths('/tmp/featc-unit-never-started', '/tmp/featc-unit-cache');
    await expect(restartService(never, 'taskmanager', 'SIGKILL')).rejects.toThrow(StackError);
    await expect(startService(never, 'zookeeper')).rejects.toMatchObject({ code: 'FEATC_E9032' });
  });
});
