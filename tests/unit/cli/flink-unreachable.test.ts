import { runFeatc, stackTraceLines, type CliResult } from '../../support/run-cli.js';
import { closedPortUrl, flinkErrorBody, HTML_ERROR_PAGE, startFaultServer, startSilentPort, type FaultAnswer } from '../../support/fault-http-server.js';

/**
 * The deploy verbs against a Flink that is not there, hangs, or answers with errors: each ends with
 * one coded message and hint on stderr, exit 2 (infrastructure), no stack trace, nothing deployed.
 * The peers are loopback servers of this test that only fail (fault injection of the network side).
 */
describe('featc plan/deploy/status/stop/destroy when Flink fails', () => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(() => Promise.all(closers.map((c) => c())));

  async function peer(answer: (method: string, path: string) => FaultAnswer): Promise<{ url: string; requests: string[] }> {
    const s = await startFaultServer(answer);
    closers.push(() => s.close());
    return s;
  }

  const target = (flink: string, gateway = flink): string[] => ['--flink', flink, '--gateway', gateway, '--kafka', '127.0.0.1:9'];

  function expectCoded(r: CliResult, code: string, exit: number): void {
    expect({ exit: r.code, firstLine: r.stderr.split('\n').find((l) => l.startsWith('error ')) }).toEqual({ exit, firstLine: expect.stringMatching(new RegExp(`^error ${code} `)) });
    expect(r.stderr).toMatch(/\n {2}hint: \S/);
    expect(stackTraceLines(r.stdout + r.stderr)).toEqual([]);
  }

  it('connection refused: every verb exits 2 with FEATC_E7001 naming the JobManager and --flink', async () => {
    const url = await closedPortUrl();
    const verbs = [['status'], ['plan', 'jobs/engagement.ts'], ['deploy', 'jobs/engagement.ts', '--yes'], ['stop', 'engagement', '--savepoint'], ['destroy', 'engagement']];
    const results = await Promise.all(verbs.map((verb) => runFeatc([...verb, ...target(url)])));
    for (const r of results) {
      expectCoded(r, 'FEATC_E7001', 2);
      expect(r.stderr).toContain(`cannot reach the JobManager REST API at ${url} (ECONNREFUSED)`);
      expect(r.stderr).toContain('--flink');
      expect(r.stdout).toBe('');
    }
  }, 120_000);

  it('a port that accepts and never answers: FEATC_E7003 after --rest-timeout (or FEATC_REST_TIMEOUT_MS)', async () => {
    const silent = await startSilentPort();
    closers.push(() => silent.close());
    const flag = await runFeatc(['status', ...target(silent.url), '--rest-timeout', '700']);
    expectCoded(flag, 'FEATC_E7003', 2);
    expect(flag.stderr).toContain(`GET ${silent.url}/jobs/overview: the JobManager REST API did not answer within 700 ms`);
    expect(flag.stderr).toContain('--rest-timeout');
    const hung = await peer(() => 'hang');
    const env = await runFeatc(['plan', 'jobs/engagement.ts', ...target(hung.url)], { env: { ...process.env, FEATC_REST_TIMEOUT_MS: '600' } });
    expectCoded(env, 'FEATC_E7003', 2);
    expect(env.stderr).toContain('did not answer within 600 ms');
    expect(hung.requests).toEqual(['GET /jobs/overview']);
  }, 120_000);

  it('a bad --rest-timeout is a user error (exit 1)', async () => {
    const r = await runFeatc(['status', ...target('http://127.0.0.1:9'), '--rest-timeout', 'soon']);
    expectCoded(r, 'FEATC_E7105', 1);
    expect(r.stderr).toContain('--rest-timeout must be a positive number of milliseconds, got "soon"');
  }, 120_000);

  it("HTTP 500 with Flink's error: FEATC_E7002 with the innermost cause only", async () => {
    const s = await peer(() => ({ status: 500, body: flinkErrorBody('java.util.concurrent.TimeoutException: Invocation of [RemoteRpcInvocation(DispatcherGateway.requestMultipleJobDetails)] timed out') }));
    const r = await runFeatc(['status', ...target(s.url)]);
    expectCoded(r, 'FEATC_E7002', 2);
    expect(r.stderr).toContain('error FEATC_E7002 GET /jobs/overview failed with HTTP 500: Invocation of [RemoteRpcInvocation(DispatcherGateway.requestMultipleJobDetails)] timed out\n');
    expect(r.stderr).not.toContain('AbstractRestHandler');
  }, 120_000);

  it('an HTML error page from a proxy: FEATC_E7002 with the page title, hint to check the URL', async () => {
    const s = await peer(() => ({ status: 502, body: HTML_ERROR_PAGE, contentType: 'text/html' }));
    const r = await runFeatc(['deploy', 'jobs/engagement.ts', '--yes', ...target(s.url)]);
    expectCoded(r, 'FEATC_E7002', 2);
    expect(r.stderr).toContain('failed with HTTP 502: HTML page "502 Bad Gateway"');
    expect(r.stderr).toContain("not Flink's JSON");
    expect(r.stderr).not.toContain('<center>');
    expect(s.requests).toEqual(['GET /jobs/overview']);
  }, 120_000);

  it('404 (the URL is some other service): FEATC_E7002, hint names --flink', async () => {
    const s = await peer((_m, path) => ({ status: 404, body: JSON.stringify({ errors: [`Not found: ${path}`] }) }));
    const r = await runFeatc(['stop', 'engagement', ...target(s.url)]);
    expectCoded(r, 'FEATC_E7002', 2);
    expect(r.stderr).toContain('failed with HTTP 404: Not found: /jobs/overview');
    expect(r.stderr).toContain('is --flink the URL of the JobManager REST API');
  }, 120_000);

  it('a 200 that is not JSON, or JSON without the expected fields: FEATC_E7005', async () => {
    const truncated = await peer(() => ({ status: 200, body: '{"jobs":[{"jid":' }));
    const a = await runFeatc(['destroy', 'engagement', ...target(truncated.url)]);
    expectCoded(a, 'FEATC_E7005', 2);
    expect(a.stderr).toContain('answered HTTP 200 with a body that is not JSON');
    const empty = await peer(() => ({ status: 200, body: '{}' }));
    const b = await runFeatc(['plan', 'jobs/engagement.ts', ...target(empty.url)]);
    expectCoded(b, 'FEATC_E7005', 2);
    expect(b.stderr).toContain('answered without "jobs"');
  }, 120_000);
});
