/**
 * featc as a team uses it: packed, installed from the tarball into a fresh repository made by
 * `featc init`, and used there with `npx` — no file of this repository involved. The Kafka addon is
 * absent at first (installed with --ignore-scripts, as on a CI runner that never builds librdkafka),
 * then reused from this checkout for `featc test`, which needs it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { featureKey, projectPrefix } from '../../../runtime/redis-sink/key-layout.js';

const root = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'featc-consumer-'));

interface Run { code: number | null; stdout: string; stderr: string }

/** The environment of a shell in another repository: no FEATC_* endpoints exported, so featc must find the local stack itself. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_loglevel: 'error', npm_config_fund: 'false', npm_config_audit: 'false' };
  for (const name of ['FEATC_FLINK_URL', 'FEATC_SQL_GATEWAY_URL', 'FEATC_KAFKA_BOOTSTRAP', 'FEATC_REDIS_URL']) delete env[name];
  return env;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs = 180_000, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...userEnv(), ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function npmInstall(dir: string, extra: string[] = []): void {
  const r = run('npm', ['install', '--prefer-offline', '--ignore-scripts', ...extra], dir);
  if (r.code !== 0) throw new Error(`npm install failed in ${dir}:\n${r.stderr}`);
}

/** A fresh repository made by `featc init` (this checkout's CLI) depending on the packed tarball. */
function newRepo(name: string, tarball: string): string {
  const dir = join(work, name);
  const r = run(process.execPath, [join(root, 'bin/featc.js'), 'init', dir, '--featc', tarball], root);
  if (r.code !== 0) throw new Error(`featc init failed:\n${r.stderr}`);
  return dir;
}

let tarball: string;
let repo: string;

beforeAll(() => {
  const packed = run('npm', ['pack', '--pack-destination', work], root, 300_000);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) ?? '');
  repo = newRepo('team-features', tarball);
  npmInstall(repo);
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('featc installed from its tarball in a team repository', () => {
  it('ships the built package only: no tests, bench results, configs or TypeScript sources', () => {
    const listed = run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], root);
    const files = (JSON.parse(listed.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    expect(files).toEqual(expect.arrayContaining(['bin/featc.js', 'dist/api/index.js', 'dist/api/index.d.ts', 'dist/api/client.js', 'dist/cli/main.js', 'package.json']));
    expect(files.filter((f) => /^(tests|bench|jobs|examples|scripts)\/|^\.ci|tsconfig|jest\.config|eslint\.config|featc\.config/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('works without the Kafka addon for --help, compile and compile --check; Kafka verbs say how to install it', () => {
    const addon = run(process.execPath, ['-e', "require('@confluentinc/kafka-javascript')"], repo);
    expect(addon.code).not.toBe(0); // really absent: installed with --ignore-scripts
    const help = run('npx', ['featc', '--help'], repo);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('compile [options] [paths...]');
    const compiled = run('npx', ['featc', 'compile'], repo);
    expect(compiled.stderr).toBe('');
    expect(compiled.stdout).toMatch(/^compiled clicks → compiled\/clicks \(sha256:[0-9a-f]{12}\)$/m);
    const check = run('npx', ['featc', 'compile', '--check'], repo);
    expect([check.code, check.stdout.trim()]).toEqual([0, '1 job(s) up to date in compiled']);
    const sink = run('npx', ['featc', 'sink', 'redis', 'compiled/clicks'], repo, 30_000);
    expect(sink.code).toBe(1);
    expect(sink.stderr).toContain('error FEATC_E0101 the Redis sink needs the Kafka client');
    expect(sink.stderr).toContain('npm install @confluentinc/kafka-javascript');
    expect(sink.stderr).not.toMatch(/^ {4}at /m);
    // plan needs no Kafka client either, and finds the local stack started from another directory
    const plan = run('npx', ['featc', 'plan', '--json'], repo);
    expect(plan.stderr).toBe('');
    const planned = JSON.parse(plan.stdout) as { target: { flink: string }; jobs: { name: string; action: string }[] };
    expect(planned.target.flink).toBe(process.env.FEATC_FLINK_URL);
    expect(planned.jobs.map((j) => [j.name, j.action])).toEqual([['clicks', 'create']]);
  });

  it("type-checks `import … from 'featc'` under the repository's strict tsconfig, and a misspelt field fails tsc", () => {
    expect(run('npx', ['tsc', '--noEmit'], repo)).toMatchObject({ code: 0, stdout: '' });
    const typo = join(repo, 'features', 'typo.ts');
    writeFileSync(typo, [
      "import { z } from 'zod';",
      "import { source } from 'featc';",
      "export const s = source({ name: 's', topic: 's', schema: z.object({ userId: z.string(), ts: z.number().int() }), eventTime: 'tss', key: ['userId'] });",
    ].join('\n'));
    try {
      const r = run('npx', ['tsc', '--noEmit'], repo);
      expect(r.code).toBe(2);
      expect(r.stdout).toContain("features/typo.ts(3,");
      expect(r.stdout).toMatch(/'"tss"'/);
    } finally {
      rmSync(typo);
    }
  });

  it('runs `featc test` on the real stack, found from this repository without FEATC_* variables', () => {
    // Reuse this checkout's built addon instead of building librdkafka again (minutes).
    cpSync(join(root, 'node_modules/@confluentinc/kafka-javascript/build'), join(repo, 'node_modules/@confluentinc/kafka-javascript/build'), { recursive: true });
    const r = run('npx', ['featc', 'test', '--json'], repo, 300_000);
    const report = JSON.parse(r.stdout) as { ok: boolean; passed: number; failed: number; tests: { name: string; status: string }[] };
    expect({ code: r.code, ok: report.ok, passed: report.passed, failed: report.failed }).toEqual({ code: 0, ok: true, passed: 1, failed: 0 });
    expect(report.tests.map((t) => [t.name, t.status])).toEqual([['userClicks counts clicks per user and minute', 'passed']]);
  }, 300_000);

  it('serves a feature from Redis to a service compiled with tsc and run with plain node through featc/client', async () => {
    writeFileSync(join(repo, 'service.ts'), [
      "import { createFeatureClient } from 'featc/client';",
      "import { userClicks } from './features/clicks.js';",
      "const client = createFeatureClient({ redis: process.env.REDIS_URL ?? '', views: [userClicks], project: 'my-team' });",
      "const row = await client.get('userClicks', process.argv[2] ?? '');",
      'const clicks: number | null = row.values.clicks_1m;',
      'console.log(JSON.stringify({ found: row.found, clicks, asOfMs: row.asOfMs }));',
      'await client.close();',
    ].join('\n'));
    writeFileSync(join(repo, 'tsconfig.service.json'), JSON.stringify({
      extends: './tsconfig.json', compilerOptions: { noEmit: false, outDir: 'build', rootDir: '.' }, include: ['service.ts', 'features/clicks.ts'],
    }));
    expect(run('npx', ['tsc', '-p', 'tsconfig.service.json'], repo)).toMatchObject({ code: 0, stdout: '' });
    const entity = `svc-${Date.now()}`;
    const asOfMs = Date.now(); // within the view's 30-minute TTL
    const redis = new Redis(process.env.FEATC_REDIS_URL ?? '');
    try {
      // Where this project's `featc sink redis` writes (featc.config project 'my-team' → prefix featc.my-team).
      await redis.hset(featureKey(projectPrefix('my-team'), 'userClicks', [entity]), { clicks_1m: '7', __as_of_ms: String(asOfMs) });
      const r = run(process.execPath, ['build/service.js', entity], repo, 30_000, { REDIS_URL: process.env.FEATC_REDIS_URL });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual({ found: true, clicks: 7, asOfMs });
    } finally {
      await redis.del(featureKey(projectPrefix('my-team'), 'userClicks', [entity]));
      redis.disconnect();
    }
  });

  it('gives a project on zod 3 the coded zod error, not a crash', () => {
    const old = newRepo('zod3-features', tarball);
    const pkg = join(old, 'package.json');
    writeFileSync(pkg, run(process.execPath, ['-e', "const p=require(process.argv[1]);p.dependencies.zod='3.25.76';console.log(JSON.stringify(p,null,2))", pkg], old).stdout);
    npmInstall(old, ['--legacy-peer-deps']);
    const r = run('npx', ['featc', 'compile'], old);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error FEATC_E1006 schema was built with zod 3');
    expect(r.stderr).toContain('at features/clicks.ts › clicks.schema');
    expect(r.stderr).not.toMatch(/TypeError|^ {4}at /m);
  });
});
