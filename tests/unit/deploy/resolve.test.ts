import { compileJob, statementsFor } from '../../../compiler/index.js';
import { DeployError } from '../../../flink-deploy/deploy-error.js';
import { artifactOf, decodeArtifact, encodeArtifact, identityParameters } from '../../../flink-deploy/identity/artifact.js';
import { envNames as secretNames } from '../../../contracts/index.js';
import { resolveStatements } from '../../../flink-deploy/apply/resolve.js';
import { refillStartMs, REFILL_MARGIN_MS } from '../../../flink-deploy/apply/startup.js';
import type { Target } from '../../../flink-deploy/target.js';
import { variantJob } from '../../integration/deploy/fixtures/variant-job.js';

const names = { job: 'res', input: 'in', totalsTopic: 'totals', hourlyTopic: 'hourly', extraTopic: 'extra' };
const target: Target = { flinkUrl: 'http://jm', gatewayUrl: 'http://gw', kafkaBootstrap: 'k1:9092,k2:9092', from: 'flags' };

describe('deploy-time resolution', () => {
  const job = compileJob(variantJob(names, { sourceProperties: { 'sasl.jaas.config': { env: 'JAAS' }, 'client.rack': 'r1' } }));

  it('fills the bootstrap and secrets, escaping quotes, only at submit', () => {
    expect(secretNames(job.statements)).toEqual(['JAAS']);
    const out = resolveStatements(job.name, job.statements, target, { JAAS: "user='a'" }).join('\n');
    expect(out).toContain("'properties.bootstrap.servers' = 'k1:9092,k2:9092'");
    expect(out).toContain("'properties.sasl.jaas.config' = 'user=''a'''");
    expect(out).not.toContain('${');
  });

  it('names a missing secret with a code, before anything happens', () => {
    expect(() => resolveStatements(job.name, job.statements, target, {})).toThrow(DeployError);
    expect(() => resolveStatements(job.name, job.statements, target, {})).toThrow(/FEATC_E7110|JAAS/);
  });

  it('FEATC_E7111: a recorded version (rollback resubmits it) using a target value this target lacks, or a key this featc does not know', () => {
    // What another featc version may have recorded on the cluster: its statements, placeholders unresolved.
    const recorded = [...job.statements.slice(0, -1), "SET 'execution.checkpointing.dir' = '${featc:checkpoint.dir}'", job.statements.at(-1)!];
    const env = { JAAS: 'x' };
    expect(() => resolveStatements(job.name, recorded, target, env)).toThrow(expect.objectContaining({
      code: 'FEATC_E7111', exitCode: 1, message: 'job res uses ${featc:checkpoint.dir}, which the target does not define', hint: 'set "checkpointDir" in featc.config.json',
    }));
    expect(resolveStatements(job.name, recorded, { ...target, checkpointDir: 's3://b/ck' }, env)).toContain("SET 'execution.checkpointing.dir' = 's3://b/ck'");
    const newer = [...job.statements, "SET 'x' = '${featc:schema.registry}'"];
    expect(() => resolveStatements(job.name, newer, { ...target, checkpointDir: 's3://b/ck' }, env)).toThrow(expect.objectContaining({
      code: 'FEATC_E7111', message: 'job res uses ${featc:schema.registry}, which the target does not define', hint: 'upgrade featc, or recompile with this version',
    }));
  });

  it('prints the sources of a state reset starting at the refill timestamp; nothing else differs from the compiled statements', () => {
    const out = statementsFor(job, { startTimestampMs: 1_700_000_000_000 });
    expect(statementsFor(job, {})).toEqual(job.statements);
    const source = out.find((s) => s.includes('CREATE TEMPORARY TABLE `src_events__raw`'));
    expect(source).toContain("'scan.startup.mode' = 'timestamp',\n  'scan.startup.timestamp-millis' = '1700000000000'");
    expect(out.filter((s, i) => s !== job.statements[i])).toHaveLength(1);
  });

  it('starts a reset far enough back for the longest window, aligned to it; lifetime views replay everything', () => {
    const windowed = artifactOf(compileJob(variantJob(names, { dropHourly: false, hourlyWindowHours: 2 })));
    expect(refillStartMs(windowed)).toBeUndefined(); // the lifetime view `totals` needs all history
    const onlyWindows = { ...windowed, operators: windowed.operators.filter((o) => o.window.kind !== 'lifetime') };
    const now = Date.UTC(2025, 0, 1, 13, 30);
    const start = refillStartMs(onlyWindows, now)!;
    expect(start % 7_200_000).toBe(0);
    expect(start).toBeLessThanOrEqual(now - 7_200_000 - 1000 - REFILL_MARGIN_MS);
    expect(start).toBeGreaterThan(now - 2 * 7_200_000 - 1000 - REFILL_MARGIN_MS);
  });

  it('records the version on the cluster without secrets, and reads it back', () => {
    const a = artifactOf(job);
    expect(decodeArtifact(encodeArtifact(a))).toEqual(a);
    expect(decodeArtifact('not-an-artifact')).toBeUndefined();
    const params = identityParameters(a);
    expect(params).toMatch(/^featc\.job:"res",featc\.hash:"sha256:[0-9a-f]{64}",featc\.artifact:"[A-Za-z0-9_-]+"$/);
    expect(JSON.stringify(a)).toContain('${env:JAAS}');
  });
});
