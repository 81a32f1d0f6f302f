import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTarget } from '../../../flink-deploy/target.js';

describe('deploy target resolution', () => {
  const env = { FEATC_FLINK_URL: 'http://env-jm:8081/', FEATC_SQL_GATEWAY_URL: 'http://env-gw:8083', FEATC_KAFKA_BOOTSTRAP: 'env-kafka:9092' };

  it('flags win over everything', async () => {
    const t = await resolveTarget({ flink: 'http://jm:8081', gateway: 'http://gw:8083', kafka: 'k:9092', env });
    expect(t).toEqual({ flinkUrl: 'http://jm:8081', gatewayUrl: 'http://gw:8083', kafkaBootstrap: 'k:9092', from: 'flags' });
  });

  it('then the config file (the flat form older versions read is its default target), then the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'featc-target-'));
    const config = join(dir, 'featc.config.json');
    writeFileSync(config, JSON.stringify({ flinkUrl: 'http://cfg-jm:8081', gatewayUrl: 'http://cfg-gw:8083', kafkaBootstrap: 'cfg:9092', savepointDir: 's3://b/sp' }));
    expect(await resolveTarget({ config, env })).toEqual({ flinkUrl: 'http://cfg-jm:8081', gatewayUrl: 'http://cfg-gw:8083', kafkaBootstrap: 'cfg:9092', savepointDir: 's3://b/sp', from: 'config', name: 'default' });
    expect(await resolveTarget({ env })).toEqual({ flinkUrl: 'http://env-jm:8081', gatewayUrl: 'http://env-gw:8083', kafkaBootstrap: 'env-kafka:9092', from: 'env' });
  });

  it('rejects half a target with a code', async () => {
    await expect(resolveTarget({ flink: 'http://jm:8081', env: {} })).rejects.toThrow(/both --flink and --gateway/);
    await expect(resolveTarget({ flink: 'http://jm:8081', gateway: 'http://gw', env: {} })).rejects.toMatchObject({ code: 'FEATC_E7102' });
  });
});
