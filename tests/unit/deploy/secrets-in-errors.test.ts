import { inspect } from 'node:util';
import { compileJob } from '../../../compiler/index.js';
import { resolveStatements } from '../../../flink-deploy/apply/resolve.js';
import { scrubError, secretValues } from '../../../flink-deploy/apply/scrub.js';
import { deployJobs, type Target } from '../../../flink-deploy/index.js';
import { SqlGatewayClient } from '../../../flink-deploy/rest/index.js';
import secretsJob from '../compiler/secrets/definition.js';
import { featcWithSecrets, leaks, secretEnv } from '../compiler/secrets/secret-values.js';
import { startEchoServer, type EchoServer } from './flink-echo-server.js';

// Issue 9, secrets, the error path: Flink echoes a table's options in its errors, so a refused deploy
// holds the resolved secrets in the gateway's answer. Nothing featc reports, throws or prints may.
const { env: secrets, cores } = secretEnv();

const featc = (args: string[]): ReturnType<typeof featcWithSecrets> => featcWithSecrets(args, secrets);

describe('a deploy that Flink refuses does not print or report the secrets it resolved', () => {
  let server: EchoServer;
  beforeEach(async () => { server = await startEchoServer(); });
  afterEach(async () => { await server.close(); });

  test('deployJobs: the gateway echoed the secrets, the report, progress and errors do not', async () => {
    const target: Target = { flinkUrl: server.url, gatewayUrl: server.url, kafkaBootstrap: '127.0.0.1:1', from: 'flags', restTimeoutMs: 5000 };
    const events: unknown[] = [];
    let report: unknown;
    let thrown: unknown;
    try {
      report = await deployJobs([compileJob(secretsJob)], { target, env: secrets, progress: (e) => events.push(e), upTimeoutMs: 1000 });
    } catch (err) {
      thrown = err;
    }
    // The precondition: the gateway was handed the resolved secrets (so there was something to leak).
    expect(leaks('statements sent', server.statements.join('\n'), cores).length).toBeGreaterThan(0);
    expect((report as { ok?: boolean } | undefined)?.ok ?? false).toBe(false);
    const seen = [
      ...leaks('deploy report', JSON.stringify(report ?? null), cores),
      ...leaks('progress events', JSON.stringify(events), cores),
      ...leaks('thrown error', thrown === undefined ? '' : `${inspect(thrown, { depth: 5 })}\n${(thrown as Error).stack ?? ''}`, cores),
    ];
    expect(seen).toEqual([]);
  }, 60_000);

  test("a scrubbed Flink error holds no secret, though Flink's JSON answer escapes its quotes and line breaks", async () => {
    const statements = compileJob(secretsJob).statements;
    const target: Target = { flinkUrl: server.url, gatewayUrl: server.url, kafkaBootstrap: '127.0.0.1:1', from: 'flags' };
    const gateway = new SqlGatewayClient(server.url);
    const session = await gateway.openSession();
    let err: unknown;
    for (const statement of resolveStatements('secrets_job', statements, target, secrets)) {
      err = await gateway.execute(session, statement).then(() => undefined, (e: unknown) => e);
      if (err) break;
    }
    expect(err).toBeDefined();
    // What deploy does with a Flink error before anything sees it (flink-deploy/apply/deploy.ts applyPlan).
    const scrubbed = scrubError(err, secretValues(statements, secrets)) as Error & { fullText?: string };
    expect(leaks('error message', scrubbed.message, cores)).toEqual([]);
    expect(leaks('error fullText (--verbose)', scrubbed.fullText ?? '', cores)).toEqual([]);
    expect(leaks('inspected error', inspect(scrubbed), cores)).toEqual([]);
  });

  test('featc deploy (text and --json): stdout and stderr hold no secret', async () => {
    for (const json of [[], ['--json']]) {
      const r = await featc(['deploy', 'tests/unit/compiler/secrets/definition.ts', '--flink', server.url, '--gateway', server.url, '--kafka', '127.0.0.1:1', '--yes', ...json]);
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/Unable to create a source|rejected|FEATC_E71/);
      expect(leaks(`featc deploy ${json.join(' ')}`, r.out, cores)).toEqual([]);
    }
  }, 120_000);
});
