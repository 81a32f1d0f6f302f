import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The CLI runs as users run it: a child process loading definitions with tsx.
const root = resolve('.');
const featc = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/featc.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('featc compile / explain', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'featc-cli-'));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('compile writes the three files, --check passes, then reports a stale file with a diff', () => {
    const out = join(dir, 'out');
    const first = featc('compile', 'jobs/', '--out', out);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const sql = readFileSync(join(out, 'engagement', 'job.sql'), 'utf8');
    expect(JSON.parse(readFileSync(join(out, 'engagement', 'job-graph.json'), 'utf8'))).toMatchObject({ schemaVersion: 1, job: 'engagement' });
    expect(readFileSync(join(out, 'engagement', 'graph.mmd'), 'utf8')).toMatch(/^flowchart LR/);
    expect(featc('compile', 'jobs/', '--out', out, '--check').status).toBe(0);

    writeFileSync(join(out, 'engagement', 'job.sql'), sql.replace("'parallelism.default' = '1'", "'parallelism.default' = '8'"));
    const stale = featc('compile', 'jobs/', '--out', out, '--check');
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("-SET 'parallelism.default' = '8';");
    expect(stale.stderr).toContain("+SET 'parallelism.default' = '1';");
  });

  test('diagnostics exit 1, printed once in the documented format; --json is machine readable', () => {
    const defs = join(dir, 'bad');
    mkdirSync(defs);
    writeFileSync(join(defs, 'broken.ts'), `import { z } from 'zod';
import { count, featureView, job, kafka, minutes, seconds, source, tumbling } from '${root}/dsl/index.js';
const s = source({ name: 's', topic: 't', format: 'json', eventTime: 'ts', watermarkDelay: seconds(1), schema: z.object({ u: z.string(), ts: z.number().int() }) });
const v = featureView({ name: 'v', entity: ['u'], sources: [s], features: { x: count(s, { window: tumbling(seconds(0)) }) }, outputs: [kafka({ topic: 'o' })] });
export default job({ name: 'bad', views: [v] });
`);
    writeFileSync(join(defs, 'helper.test.ts'), 'throw new Error("test files are not definitions");\n');
    const result = featc('compile', defs, '--out', join(dir, 'never'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error FEATC_E2104 window size must be a positive duration, got 0s\n {2}at .*broken\.ts › v\.features\.x\.window\n {2}hint: use minutes\(5\) or hours\(1\)/);
    const json = JSON.parse(featc('compile', defs, '--json', '--out', join(dir, 'never')).stdout) as { ok: boolean; diagnostics: { code: string }[] };
    expect(json).toMatchObject({ ok: false, diagnostics: [{ code: 'FEATC_E2104' }] });
  });

  test('load errors: missing path (E1002), failing module (E1001), no jobs (E1003), duplicate job names (E1004)', () => {
    expect(featc('compile', join(dir, 'nope'), '--out', join(dir, 'never')).stderr).toContain('FEATC_E1002');
    const defs = join(dir, 'load');
    mkdirSync(defs);
    writeFileSync(join(defs, 'a.ts'), 'throw new Error("boom at load");\n');
    const failing = featc('compile', join(defs, 'a.ts'), '--out', join(dir, 'never'));
    expect(failing.status).toBe(1);
    expect(failing.stderr).toContain('FEATC_E1001 cannot load definition file: boom at load');
    writeFileSync(join(defs, 'syntax.ts'), 'export default {');
    const syntax = featc('compile', join(defs, 'syntax.ts'), '--out', join(dir, 'never'));
    expect(syntax.status).toBe(1);
    expect(syntax.stderr).toMatch(/FEATC_E1001 cannot load definition file: Transform failed with 1 error: \S*syntax\.ts:1:16: ERROR: Expected identifier but found end of file\n/);
    writeFileSync(join(defs, 'imports.ts'), "import { job } from 'no-such-package';\nexport default job;\n");
    const imports = featc('compile', join(defs, 'imports.ts'), '--out', join(dir, 'never'));
    expect(imports.stderr).toContain("FEATC_E1001 cannot load definition file: Cannot find module 'no-such-package'\n  at ");
    expect(imports.stderr).not.toContain('namespace=');
    writeFileSync(join(defs, 'b.ts'), 'export const nothing = 1;\n');
    expect(featc('compile', join(defs, 'b.ts'), '--out', join(dir, 'never')).stderr).toContain('FEATC_E1003');
    writeFileSync(join(defs, 'c.ts'), `export { default } from '${root}/jobs/engagement.js';\n`);
    writeFileSync(join(defs, 'd.ts'), `import j from '${root}/jobs/engagement.js';\nexport const again = { ...j };\n`);
    const dup = featc('compile', join(defs, 'c.ts'), join(defs, 'd.ts'), '--out', join(dir, 'never'));
    expect(dup.stderr).toContain('FEATC_E1004 job name "engagement" is also used by');
  });

  test('explain shows fused operators and state per key', () => {
    const result = featc('explain', 'engagement');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('operator userCtr__hop_10m_1m: window-aggregate over hopping 10m every 1m');
    expect(result.stdout).toContain('reads clicks UNION ALL impressions');
    expect(result.stdout).toContain('state per key: 10 open window(s) × 2 accumulator(s)');
    expect(featc('explain', 'nope').status).toBe(1);
  });
});
