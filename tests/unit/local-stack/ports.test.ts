import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ephemeralRangeStart, freePort, isPortFree } from '../../../flink-deploy/local/ports.js';

describe('ports for private stacks', () => {
  it('reads the start of the kernel ephemeral range, and falls back to 32768', () => {
    const dir = mkdtempSync(join(tmpdir(), 'featc-ports-'));
    writeFileSync(join(dir, 'range'), '40000\t60999\n');
    expect(ephemeralRangeStart(join(dir, 'range'))).toBe(40000);
    expect(ephemeralRangeStart(join(dir, 'missing'))).toBe(32768);
    writeFileSync(join(dir, 'bad'), 'nonsense');
    expect(ephemeralRangeStart(join(dir, 'bad'))).toBe(32768);
  });

  it('chooses free ports below the ephemeral range, where no outgoing connection can take them', async () => {
    const start = ephemeralRangeStart();
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const p of ports) {
      expect(p).toBeLessThan(start);
      expect(p).toBeGreaterThanOrEqual(Math.min(24000, start - 1001));
    }
    const server = createServer();
    await new Promise<void>((r) => server.listen(ports[0], '127.0.0.1', () => r()));
    try {
      expect(await isPortFree(ports[0]!)).toBe(false);
    } finally {
      server.close();
    }
  });
});
