import type { AddressInfo } from 'node:net';
import { serveMetrics, SinkMetrics } from '../../../runtime/redis-sink/index.js';

describe('the Redis sink metrics endpoint', () => {
  test('binds loopback by default, and the address asked for (e.g. 0.0.0.0 for a scraper elsewhere)', async () => {
    const loopback = await serveMetrics(new SinkMetrics(), 0);
    const any = await serveMetrics(new SinkMetrics(), 0, '0.0.0.0');
    try {
      expect((loopback.address() as AddressInfo).address).toBe('127.0.0.1');
      const bound = any.address() as AddressInfo;
      expect(bound.address).toBe('0.0.0.0');
      const res = await fetch(`http://127.0.0.1:${bound.port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^# TYPE featc_redis_sink_records_total counter$/m);
    } finally {
      loopback.close();
      any.close();
    }
  });
});
