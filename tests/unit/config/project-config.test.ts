import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findConfigFile, loadProjectConfig, selectTarget } from '../../../config/load-config.js';

const root = resolve('.');
const featc = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [join(root, 'bin/featc.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });

describe('featc.config.ts / featc.config.json', () => {
  let repo: string;
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'featc-config-'));
    symlinkSync(join(root, 'node_modules'), join(repo, 'node_modules'));
    mkdirSync(join(repo, 'defs'));
    mkdirSync(join(repo, 'deep', 'er'), { recursive: true });
    writeFileSync(join(repo, 'defs', 'clicks.ts'), `import { z } from 'zod';
import { count, featureView, job, kafka, minutes, seconds, source, tumbling } from '${root}/dsl/index.js';
const s = source({ name: 's', topic: 't', format: 'json', eventTime: 'ts', watermarkDelay: seconds(1), key: ['u'], schema: z.object({ u: z.string(), ts: z.number().int() }) });
const v = featureView({ name: 'v', entity: ['u'], sources: [s], window: tumbling(minutes(1)), features: { n: count(s) }, outputs: [kafka({ topic: 'o' })] });
export default job({ name: 'cfgjob', views: [v] });
`);
    writeFileSync(join(repo, 'featc.config.ts'), `const secret = (env: string) => ({ kind: 'secret' as const, env });
export default {
  project: 'growth',
  definitions: ['defs/'],
  outDir: 'build/sql',
  targets: {
    staging: { flinkUrl: 'http://127.0.0.1:9', gatewayUrl: 'http://127.0.0.1:9', kafkaBootstrap: secret('STAGING_KAFKA') },
  },
};
`);
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('is found from a folder below it; its definitions and outDir are the defaults of compile', () => {
    const r = featc(join(repo, 'deep', 'er'), ['compile']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toMatch(new RegExp(`^compiled cfgjob → ${join(repo, 'build', 'sql', 'cfgjob')} \\(sha256:[0-9a-f]{12}\\)$`));
    expect(existsSync(join(repo, 'build', 'sql', 'cfgjob', 'job.sql'))).toBe(true);
    expect(featc(join(repo, 'deep'), ['compile', '--check']).stdout.trim()).toBe(`1 job(s) up to date in ${join(repo, 'build', 'sql')}`);
    expect(featc(repo, ['compile', '--check']).stdout.trim()).toBe('1 job(s) up to date in build/sql');
  });

  it('--target names a target; an unknown one and a secret missing from the environment are coded errors (exit 1)', () => {
    const unknown = featc(repo, ['plan', '--target', 'prod']);
    expect([unknown.status, unknown.stderr.trim()]).toEqual([1, 'error FEATC_E0204 no target named "prod" in featc.config.ts\n  hint: targets: staging']);
    const env = { ...process.env };
    delete env.STAGING_KAFKA;
    const r = spawnSync(process.execPath, [join(root, 'bin/featc.js'), 'status', '--target', 'staging'], { cwd: repo, encoding: 'utf8', env });
    expect([r.status, r.stderr.trim()]).toEqual([1, 'error FEATC_E0205 target staging reads kafkaBootstrap from the environment variable STAGING_KAFKA, which is not set\n  hint: export STAGING_KAFKA=… before running featc']);
    // With the secret set, the target's endpoints are used: nothing listens on port 9.
    const reached = featc(repo, ['status', '--target', 'staging'], { STAGING_KAFKA: 'k:9092' });
    expect(reached.status).toBe(2);
    expect(reached.stderr).toContain('http://127.0.0.1:9');
  });

  it("--config of the deploy verbs is the featc config; the gateway's --config stays its gateway.json", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'featc-elsewhere-'));
    const viaConfig = featc(elsewhere, ['plan', '--config', join(repo, 'featc.config.ts'), '--target', 'prod']);
    expect(viaConfig.stderr.trim()).toBe(`error FEATC_E0204 no target named "prod" in ${join(repo, 'featc.config.ts')}\n  hint: targets: staging`);
    const gateway = featc(repo, ['gateway', '--config', join(repo, 'no-such-gateway.json')]);
    expect([gateway.status, gateway.stderr]).toEqual([1, expect.stringContaining(`error FEATC_E5002 cannot read ${join(repo, 'no-such-gateway.json')}`)]);
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('validates the file: unknown settings and bad values name the path inside the config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'featc-config-json-'));
    try {
      writeFileSync(join(dir, 'featc.config.json'), JSON.stringify({ definitions: ['f/'], targets: { local: { flinkUrl: 8081 } } }));
      expect(findConfigFile(dir)).toBe(join(dir, 'featc.config.json'));
      await expect(loadProjectConfig({ cwd: dir })).rejects.toMatchObject({
        code: 'FEATC_E0203', message: 'flinkUrl must be a string or env(\'NAME\'), got 8081', where: expect.stringMatching(/featc\.config\.json › targets\.local\.flinkUrl$/),
      });
      writeFileSync(join(dir, 'featc.config.json'), JSON.stringify({ definitons: ['f/'] }));
      await expect(loadProjectConfig({ cwd: dir })).rejects.toMatchObject({ code: 'FEATC_E0203', message: 'unknown setting "definitons"' });
      writeFileSync(join(dir, 'featc.config.json'), JSON.stringify({ targets: { a: {} }, defaultTarget: 'b' }));
      await expect(loadProjectConfig({ cwd: dir })).rejects.toMatchObject({ code: 'FEATC_E0203', message: 'defaultTarget "b" is not one of the targets' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without a config file: features/ and compiled/ under the working directory, no target', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'featc-noconfig-'));
    try {
      const config = await loadProjectConfig({ cwd: dir }); // nothing above the temp dir holds a config
      expect(config).toMatchObject({ file: undefined, definitions: [join(dir, 'features')], outDir: join(dir, 'compiled'), project: undefined });
      expect(selectTarget(config, undefined)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads env() secrets of the chosen target from the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'featc-config-env-'));
    try {
      writeFileSync(join(dir, 'featc.config.json'), JSON.stringify({ targets: { s: { redisUrl: { kind: 'secret', env: 'S_REDIS' }, restTimeoutMs: 5000 } }, defaultTarget: 's' }));
      const config = await loadProjectConfig({ cwd: dir });
      expect(selectTarget(config, undefined, { S_REDIS: 'redis://r:6379' })).toEqual({ name: 's', redisUrl: 'redis://r:6379', restTimeoutMs: 5000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
