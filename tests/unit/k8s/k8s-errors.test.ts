import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileJob } from '../../../compiler/index.js';
import { k8sManifests, K8S_DEFAULTS, type K8sBuildOptions } from '../../../flink-deploy/k8s/index.js';
import { variantJob } from '../../integration/deploy/fixtures/variant-job.js';
import { OPERATOR_CRDS_DIR } from './operator-crds.js';

const options: K8sBuildOptions = {
  ...K8S_DEFAULTS, jobManager: { ...K8S_DEFAULTS.jobManager }, taskManager: { ...K8S_DEFAULTS.taskManager },
  kafkaBootstrap: 'kafka:9092', stateUri: 's3://bucket/featc',
};
const job = (name: string) => compileJob(variantJob({ job: name, input: `${name}-in`, totalsTopic: `${name}-totals`, hourlyTopic: `${name}-hourly`, extraTopic: `${name}-extra` }, {}));

describe('featc k8s errors', () => {
  test('FEATC_E7203: two jobs whose Kubernetes names are the same (userStats and user_stats)', () => {
    expect(() => k8sManifests([job('userStats'), job('user_stats')], options)).toThrow(expect.objectContaining({
      code: 'FEATC_E7203', exitCode: 1, message: 'jobs userStats and user_stats both map to the Kubernetes name "featc-user-stats"', hint: 'rename one of the jobs',
    }));
    expect(k8sManifests([job('userStats'), job('userTotals')], options).files.map((f) => f.job)).toContain('userTotals');
  });

  test('FEATC_E7204: a compiled job using a ${featc:…} value this featc does not know (compiled by another version)', () => {
    const compiled = job('tokens');
    const newer = { ...compiled, statements: [...compiled.statements.slice(0, -1), "SET 'x.registry' = '${featc:schema.registry}'", compiled.statements.at(-1)!] };
    expect(() => k8sManifests([newer], options)).toThrow(expect.objectContaining({
      code: 'FEATC_E7204', message: 'job tokens uses ${featc:schema.registry}, which featc k8s does not know', hint: 'upgrade featc, or recompile with this version',
    }));
  });

  test('FEATC_E7206 (CLI): --crds of an operator release that predates Flink 2 rejects flinkVersion v2_2; exit 1, every violation listed', () => {
    // The operator's own CRDs, minus the Flink 2 versions: what an operator release from before Flink 2 installs.
    const older = mkdtempSync(join(tmpdir(), 'featc-older-crds-'));
    try {
      for (const f of readdirSync(OPERATOR_CRDS_DIR).filter((n) => n.endsWith('.yml'))) {
        writeFileSync(join(older, f), readFileSync(join(OPERATOR_CRDS_DIR, f), 'utf8').replace(/^\s+- "v2_\d+"\n/gm, ''));
      }
      expect(readFileSync(join(older, 'flinkdeployments.flink.apache.org-v1.yml'), 'utf8')).not.toContain('"v2_2"');
      const r = spawnSync(process.execPath, [resolve('bin/featc.js'), 'k8s', 'jobs/token-usage.ts', '--kafka', 'kafka:9092', '--state-uri', 's3://bucket/featc', '--no-gateway', '--crds', older],
        { cwd: resolve('.'), encoding: 'utf8', timeout: 90_000 });
      expect(r.stderr).toContain(`validated 1 custom resource(s) against the CRDs in ${older}: 1 invalid`);
      expect(r.stderr).toMatch(/ {2}FlinkDeployment featc-token-usage: spec\.flinkVersion: .*v2_2/);
      expect(r.stderr).toContain("error FEATC_E7206 1 manifest(s) violate the CRD schema or the operator's rules (listed above)");
      expect(r.stderr).toContain('hint: this is a featc bug when the CRDs are the operator\'s own');
      expect(r.status).toBe(1);
    } finally {
      rmSync(older, { recursive: true, force: true });
    }
  });
});
