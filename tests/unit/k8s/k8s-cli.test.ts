import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseYamlDocuments } from '../../../flink-deploy/k8s/index.js';
import { OPERATOR_CRDS_DIR, operatorCrds } from './operator-crds.js';

// The CLI runs as users run it: a child process that compiles jobs/ with tsx.
const root = resolve('.');
const featc = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/featc.js'), 'k8s', ...args], { cwd: root, encoding: 'utf8', timeout: 90_000 });
const target = ['--kafka', 'kafka:9092', '--state-uri', 's3://bucket/featc', '--model-upstream', 'http://model-server:9000/v1'];

let dir: string;
beforeAll(() => { operatorCrds(); dir = mkdtempSync(join(tmpdir(), 'featc-k8s-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('featc k8s (CLI)', () => {
  test('--out --crds --json: one file per job plus the gateway, every FlinkDeployment valid, stale files removed', () => {
    const out = join(dir, 'k8s');
    const stale = featc('jobs/engagement.ts', ...target, '--out', out, '--name-prefix', 'old-');
    expect(stale.status).toBe(0);
    writeFileSync(join(out, 'mine.yaml'), 'kind: ConfigMap\n');
    const r = featc('jobs/', ...target, '--out', out, '--crds', OPERATOR_CRDS_DIR, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.ok).toBe(true);
    expect(result.validation.map((v: { name: string; violations: unknown[] }) => [v.name, v.violations])).toEqual([
      ['featc-conversation', []], ['featc-engagement', []], ['featc-moderated-responses', []], ['featc-system-health', []], ['featc-token-usage', []],
    ]);
    expect(result.removed).toEqual([join(out, 'old-engagement.yaml')]);
    expect(readdirSync(out).sort()).toEqual([
      'featc-conversation.yaml', 'featc-engagement.yaml', 'featc-inference-gateway.yaml', 'featc-moderated-responses.yaml',
      'featc-system-health.yaml', 'featc-token-usage.yaml', 'mine.yaml',
    ]);
    const docs = parseYamlDocuments(readFileSync(join(out, 'featc-engagement.yaml'), 'utf8')) as { kind: string }[];
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'FlinkDeployment', 'Deployment']);
    expect(result.secrets).toEqual([{ name: 'featc-secrets', keys: expect.arrayContaining([expect.objectContaining({ key: 'OPENAI_API_KEY', usedBy: ['featc-moderated-responses'] })]) }]);
  });

  test('without --out the YAML goes to stdout (notes to stderr), so it pipes into kubectl', () => {
    const r = featc('jobs/token-usage.ts', ...target);
    expect(r.status).toBe(0);
    const docs = parseYamlDocuments(r.stdout) as { kind: string; metadata: { name: string } }[];
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`).join(' ')).toMatch(/^ConfigMap\/featc-token-usage-sql-[0-9a-f]{10} FlinkDeployment\/featc-token-usage$/);
    expect(r.stderr).toContain('note: the Flink Kubernetes Operator (with its CRDs) must be installed');
  });

  test('missing target flags: exit 1 with a coded error that says what to pass', () => {
    const r = featc('jobs/token-usage.ts');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error FEATC_E7201 2 problems with the options');
    expect(r.stderr).toContain('--kafka <bootstrap> is required');
    expect(r.stderr).toContain('hint: e.g. featc k8s jobs/ --kafka');
  });
});
