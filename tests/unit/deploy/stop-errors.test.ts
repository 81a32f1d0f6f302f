import { createServer } from 'node:net';
import { stopWithSavepoint } from '../../../flink-deploy/apply/stop.js';
import { JobManagerClient } from '../../../flink-deploy/rest/index.js';

/** A port nobody listens on: bound by a real listener, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('stop with a savepoint', () => {
  it('FEATC_E7130: the stop request itself fails (the JobManager is gone): exit 2, what failed and where', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const jobId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const err = await stopWithSavepoint(new JobManagerClient(url), jobId, 'engagement').then(() => undefined, (e: unknown) => e as { code: string; message: string; hint: string; exitCode: number });
    expect({ code: err?.code, exitCode: err?.exitCode, message: err?.message }).toEqual({ code: 'FEATC_E7130', exitCode: 2, message: `cannot stop engagement (${jobId}) with a savepoint: cannot reach the JobManager REST API at ${url} (ECONNREFUSED)` });
    expect(err?.hint).toContain('set "savepointDir" in featc.config.json');
  });
});
