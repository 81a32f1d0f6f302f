import { FeatureTopicReader } from '../../../runtime/redis-sink/kafka-source.js';
import { freePort } from '../../support/redis-process.js';

describe('the sink\'s Kafka reader without a broker', () => {
  it('FEATC_E6102: connecting to a bootstrap where nothing listens fails within the timeout, naming the bootstrap (infrastructure, exit 2)', async () => {
    const bootstrap = `127.0.0.1:${await freePort()}`;
    const reader = new FeatureTopicReader({ bootstrap });
    const started = Date.now();
    const err = await reader.connect(1000).then(() => undefined, (e: unknown) => e);
    await reader.disconnect();
    expect(err).toMatchObject({
      code: 'FEATC_E6102', message: expect.stringMatching(/^Kafka connect failed: (broker transport failure|.*timed out)/i), where: bootstrap,
      hint: 'check that the broker is up (`featc local status`) and --kafka points at it', kind: 'infra', exitCode: 2,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
