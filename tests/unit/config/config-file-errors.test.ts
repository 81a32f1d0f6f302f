import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadProjectConfig } from '../../../config/load-config.js';

const root = resolve('.');
const featc = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [join(root, 'bin/featc.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });

/** A config file that is named but missing (FEATC_E0201), or there but unreadable (FEATC_E0202): user errors, exit 1. */
describe('featc config file that cannot be used', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'featc-config-errors-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('FEATC_E0201: --config (or FEATC_CONFIG) naming a missing file is refused, not replaced by the defaults', async () => {
    const hint = 'create it with `featc init`, or drop --config to use the nearest featc.config.ts';
    await expect(loadProjectConfig({ cwd: dir, file: 'conf/featc.config.ts' })).rejects.toMatchObject({
      code: 'FEATC_E0201', message: 'config file conf/featc.config.ts does not exist', hint, exitCode: 1,
    });
    const saved = process.env.FEATC_CONFIG;
    process.env.FEATC_CONFIG = 'staging.config.json';
    try {
      await expect(loadProjectConfig({ cwd: dir })).rejects.toMatchObject({ code: 'FEATC_E0201', message: 'config file staging.config.json does not exist' });
    } finally {
      if (saved === undefined) delete process.env.FEATC_CONFIG;
      else process.env.FEATC_CONFIG = saved;
    }
    // A file next to it that would be found without --config does not stand in for the named one.
    writeFileSync(join(dir, 'featc.config.json'), JSON.stringify({ project: 'found' }));
    const r = featc(dir, ['plan', '--config', 'missing.config.ts', '--flink', 'http://127.0.0.1:9']);
    expect([r.status, r.stderr.trim(), r.stdout]).toEqual([1, `error FEATC_E0201 config file missing.config.ts does not exist\n  hint: ${hint}`, '']);
  });

  it('FEATC_E0202: a featc.config.json that is not JSON names the file and the parse error', async () => {
    const file = join(dir, 'featc.config.json');
    writeFileSync(file, '{ "definitions": [');
    const err = await loadProjectConfig({ cwd: dir }).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({
      code: 'FEATC_E0202', message: `cannot read ${file}: Unexpected end of JSON input`,
      hint: 'it must export default defineConfig({ ... }) (or hold a JSON object)', exitCode: 1,
    });
    expect((err as Error).cause).toBeInstanceOf(SyntaxError);
  });

  it('FEATC_E0202: a featc.config.ts that throws while loading is reported with its first line, exit 1', () => {
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'featc.config.ts'), `const url = process.env.NO_SUCH_FEATC_VAR;
if (!url) throw new Error('NO_SUCH_FEATC_VAR is not set\\nsecond line');
export default { targets: { prod: { flinkUrl: url } } };
`);
    const r = featc(dir, ['compile']);
    expect([r.status, r.stderr.trim(), r.stdout]).toEqual([
      1, 'error FEATC_E0202 cannot read featc.config.ts: NO_SUCH_FEATC_VAR is not set\n  hint: it must export default defineConfig({ ... }) (or hold a JSON object)', '',
    ]);
  });
});
