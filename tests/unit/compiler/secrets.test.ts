import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileJob } from '../../../compiler/index.js';
import { artifactOf, identityParameters } from '../../../flink-deploy/identity/artifact.js';
import secretsJob from './secrets/definition.js';
import { filesUnder, leaks, secretEnv } from './secrets/secret-values.js';

// Issue 9, secrets: with every secret of a definition set in the environment to a distinctive value,
// nothing featc compile (or explain) writes or prints holds one: compiled files only carry ${env:NAME}.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const definition = 'tests/unit/compiler/secrets/definition.ts';
const { env: secrets, cores } = secretEnv();

function featc(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['bin/featc.js', ...args], { cwd: root, env: { ...process.env, ...secrets }, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('secrets never reach compiled files or printed lines', () => {
  const out = mkdtempSync(join(tmpdir(), 'featc-secrets-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('featc compile, compile --json, compile --check and explain', () => {
    const found: string[] = [];
    const runs: [string, string[]][] = [
      ['compile', ['compile', definition, '--out', out]],
      ['compile --json', ['compile', definition, '--out', out, '--json']],
      ['compile --check', ['compile', definition, '--out', out, '--check']],
      ['explain', ['explain', 'secrets_job', definition]],
    ];
    for (const [name, args] of runs) {
      const r = featc(args);
      expect({ name, status: r.status }).toEqual({ name, status: 0 });
      found.push(...leaks(`output of featc ${name}`, r.out, cores));
    }
    const files = filesUnder(out);
    expect(files.map((f) => f.path.slice(out.length + 1)).sort()).toEqual(['secrets_job/graph.mmd', 'secrets_job/job-graph.json', 'secrets_job/job.sql']);
    for (const f of files) found.push(...leaks(f.path, f.text, cores));
    const sql = files.find((f) => f.path.endsWith('job.sql'))?.text ?? '';
    for (const name of Object.keys(secrets)) expect(sql).toContain(`\${env:${name}}`);
    expect(found).toEqual([]);
  }, 240_000);

  test('a definition that fails to compile prints its diagnostics without secrets', () => {
    for (const json of [[], ['--json']]) {
      const r = featc(['compile', 'tests/unit/compiler/secrets/broken-definition.ts', '--out', out, ...json]);
      expect(r.status).toBe(1);
      expect(r.out).toContain('FEATC_E2104');
      expect(leaks('featc compile output', r.out, cores)).toEqual([]);
    }
  }, 120_000);

  test('the compiled job and what deploy records on the cluster carry only placeholders', () => {
    const previous = { ...process.env };
    Object.assign(process.env, secrets);
    try {
      const compiled = compileJob(secretsJob);
      const artifact = artifactOf(compiled);
      const recorded = [JSON.stringify(compiled.statements), compiled.graphJson, compiled.mermaid, JSON.stringify(artifact), identityParameters(artifact)].join('\n');
      expect(leaks('compiled job', recorded, cores)).toEqual([]);
    } finally {
      for (const name of Object.keys(secrets)) if (!(name in previous)) delete process.env[name];
    }
  });
});
