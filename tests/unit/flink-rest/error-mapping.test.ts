import { callJson, FlinkRestError, JobManagerClient, SqlGatewayClient } from '../../../flink-deploy/rest/index.js';
import { closedPortUrl, flinkErrorBody, HTML_ERROR_PAGE, startFaultServer, startSilentPort, type FaultAnswer, type FaultServer } from '../../support/fault-http-server.js';

/** Every way a Flink REST peer can fail maps to one coded FlinkRestError with the cause and a hint naming the right flag. */
describe('REST clients: failures of the peer', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  async function peer(answer: (method: string, path: string) => FaultAnswer): Promise<FaultServer> {
    const s = await startFaultServer(answer);
    servers.push(s);
    return s;
  }

  async function failure(call: Promise<unknown>): Promise<FlinkRestError> {
    const err = await call.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(FlinkRestError);
    return err as FlinkRestError;
  }

  it('connection refused: E7001 after the retries, naming the service and its flag', async () => {
    const url = await closedPortUrl();
    const t0 = Date.now();
    const err = await failure(new JobManagerClient(url, { retries: 2 }).jobs());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250 + 500);
    expect(err.code).toBe('FEATC_E7001');
    expect(err.message).toBe(`cannot reach the JobManager REST API at ${url} (ECONNREFUSED)`);
    expect(err.hint).toContain('--flink');
    expect(err.exitCode).toBe(2);
    const gw = await failure(new SqlGatewayClient(url, { retries: 0 }).openSession());
    expect(gw.message).toBe(`cannot reach the SQL Gateway at ${url} (ECONNREFUSED)`);
    expect(gw.hint).toContain('--gateway');
  });

  it('a peer that accepts and never answers: E7003 after the configured timeout, not retried', async () => {
    const hung = await peer(() => 'hang');
    const t0 = Date.now();
    const err = await failure(new JobManagerClient(hung.url, { timeoutMs: 400 }).jobs());
    const ms = Date.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(400);
    expect(ms).toBeLessThan(3000);
    expect(err.code).toBe('FEATC_E7003');
    expect(err.message).toBe(`GET ${hung.url}/jobs/overview: the JobManager REST API did not answer within 400 ms`);
    expect(err.hint).toContain('--rest-timeout');
    expect(hung.requests).toEqual(['GET /jobs/overview']);

    const silent = await startSilentPort();
    servers.push(silent);
    const tcp = await failure(new SqlGatewayClient(silent.url, { timeoutMs: 300 }).openSession());
    expect(tcp.code).toBe('FEATC_E7003');
    expect(tcp.message).toContain('the SQL Gateway did not answer within 300 ms');
  });

  it("HTTP 500 with Flink's JSON error: E7002 with the innermost cause, no Java frames", async () => {
    const s = await peer(() => ({ status: 500, body: flinkErrorBody('org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (0123)') }));
    const err = await failure(new JobManagerClient(s.url).jobs());
    expect(err.code).toBe('FEATC_E7002');
    expect(err.status).toBe(500);
    expect(err.message).toBe('GET /jobs/overview failed with HTTP 500: Could not find Flink job (0123)');
    expect(err.message).not.toMatch(/\tat |\n/);
    expect(err.fullText).toContain('AbstractRestHandler');
    expect(err.hint).toContain('the JobManager log');
  });

  it('an HTML error page (a proxy in front of Flink): E7002 with the page title and a hint about the URL', async () => {
    const s = await peer(() => ({ status: 502, body: HTML_ERROR_PAGE, contentType: 'text/html' }));
    const err = await failure(new SqlGatewayClient(s.url).openSession());
    expect(err.code).toBe('FEATC_E7002');
    expect(err.message).toBe('POST /v3/sessions failed with HTTP 502: HTML page "502 Bad Gateway"');
    expect(err.hint).toMatch(/HTML page, not Flink's JSON.*--gateway/);
  });

  it('404: the URL is not that service (or the id is gone), each with its own hint', async () => {
    const s = await peer((_m, path) => ({ status: 404, body: JSON.stringify({ errors: [`Not found: ${path}`] }) }));
    const wrongService = await failure(new SqlGatewayClient(s.url).openSession());
    expect(wrongService.message).toBe('POST /v3/sessions failed with HTTP 404: Not found: /v3/sessions');
    expect(wrongService.hint).toContain('is --gateway the URL of the SQL Gateway');
    const goneJob = await failure(new JobManagerClient(s.url).job('0123456789abcdef0123456789abcdef'));
    expect(goneJob.hint).toContain('is not (or no longer) known to the JobManager REST API');
  });

  it('a 200 whose body is not JSON, or lacks the field featc needs: E7005', async () => {
    const truncated = await peer(() => ({ status: 200, body: '{"jobs": [' }));
    const err = await failure(new JobManagerClient(truncated.url).jobs());
    expect(err.code).toBe('FEATC_E7005');
    expect(err.message).toBe(`GET /jobs/overview: the JobManager REST API at ${truncated.url} answered HTTP 200 with a body that is not JSON: "{\\"jobs\\": ["`);
    const html = await peer(() => ({ status: 200, body: HTML_ERROR_PAGE, contentType: 'text/html' }));
    expect((await failure(new SqlGatewayClient(html.url).openSession())).code).toBe('FEATC_E7005');
    const empty = await peer(() => ({ status: 200, body: '{}' }));
    const shape = await failure(new SqlGatewayClient(empty.url).openSession());
    expect(shape.code).toBe('FEATC_E7005');
    expect(shape.message).toBe(`POST /v3/sessions: ${empty.url} answered without "sessionHandle": "{}"`);
    expect((await failure(new JobManagerClient(empty.url).jobs())).message).toContain('answered without "jobs"');
  });

  it('an empty error body says so', async () => {
    const s = await peer(() => ({ status: 503, body: '' }));
    const err = await failure(callJson(s.url, 'GET', '/overview', undefined, { service: 'JobManager' }));
    expect(err.message).toBe('GET /overview failed with HTTP 503: (empty body)');
  });

  it('a statement Flink runs and refuses: E7010 with the statement id and the cause', async () => {
    const s = await peer((method, path) => {
      if (path === '/v3/sessions') return { status: 200, body: '{"sessionHandle":"s1"}' };
      if (path.endsWith('/statements')) return { status: 200, body: '{"operationHandle":"o1"}' };
      if (path.endsWith('/status')) return { status: 200, body: '{"status":"ERROR"}' };
      return { status: 500, body: flinkErrorBody('org.apache.flink.table.api.ValidationException: Object \'nope\' not found') };
    });
    const gw = new SqlGatewayClient(s.url);
    const err = await failure(gw.execute(await gw.openSession(), 'SELECT * FROM nope', { statementId: 'job statement 3/5' }));
    expect(err.code).toBe('FEATC_E7010');
    expect(err.message).toBe("job statement 3/5 was rejected by Flink: Object 'nope' not found");
  });
});
