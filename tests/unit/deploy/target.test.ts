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
    await expect(resolveTarget({ gateway: 'http://gw:8083', kafka: 'k:9092', env: {}, configured: undefined })).rejects.toMatchObject({
      code: 'FEATC_E7103', exitCode: 1, message: 'pass both --flink and --gateway', hint: 'e.g. --flink http://jm:8081 --gateway http://gw:8083',
    });
    await expect(resolveTarget({ flink: 'http://jm:8081', env: {} })).rejects.toThrow(/both --flink and --gateway/);
    await expect(resolveTarget({ flink: 'http://jm:8081', gateway: 'http://gw', env: {} })).rejects.toMatchObject({ code: 'FEATC_E7102' });
  });

  it('FEATC_E7104: nothing configured and no local stack running (exit 2, names `featc local up`)', async () => {
    const saved = process.env.FEATC_HOME;
    process.env.FEATC_HOME = mkdtempSync(join(tmpdir(), 'featc-no-stack-'));
    try {
      await expect(resolveTarget({ env: {}, configured: undefined })).rejects.toMatchObject({
        code: 'FEATC_E7104', exitCode: 2, message: 'no target given and the local stack is not running',
        hint: expect.stringContaining('start it with `featc local up`, or pass --flink/--gateway/--kafka'),
      });
    } finally {
      if (saved === undefined) delete process.env.FEATC_HOME;
      else process.env.FEATC_HOME = saved;
    }
  });
});
