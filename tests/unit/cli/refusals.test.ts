import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { initRepository } from '../../../cli/init/init-repository.js';
import { graphWithOutputs } from '../../support/job-graph.js';

const root = resolve('.');
const featc = (cwd: string, args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/featc.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

/** Verbs that refuse before they change or contact anything: a coded user error, exit 1. */
describe('CLI refusals', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'featc-refusals-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('FEATC_E0301: featc init does not overwrite files that exist, and writes none of the others; --force does', () => {
    const repo = join(dir, 'team-features');
    mkdirSync(join(repo, 'features'), { recursive: true });
    writeFileSync(join(repo, 'featc.config.ts'), '// ours\n');
    writeFileSync(join(repo, 'features', 'clicks.ts'), '// ours too\n');
    expect(() => initRepository(repo)).toThrow(expect.objectContaining({
      code: 'FEATC_E0301', message: 'featc init would overwrite featc.config.ts, features/clicks.ts', where: repo,
      hint: 'run it in an empty folder (featc init my-features), or pass --force to overwrite', exitCode: 1,
    }));
    expect(readFileSync(join(repo, 'featc.config.ts'), 'utf8')).toBe('// ours\n');
    expect([readdirSync(repo).sort(), readdirSync(join(repo, 'features'))]).toEqual([['featc.config.ts', 'features'], ['clicks.ts']]);

    const r = featc(dir, ['init', 'team-features']);
    expect([r.status, r.stderr.trim(), r.stdout]).toEqual([
      1, `error FEATC_E0301 featc init would overwrite featc.config.ts, features/clicks.ts\n  at ${repo}\n  hint: run it in an empty folder (featc init my-features), or pass --force to overwrite`, '',
    ]);
    expect(existsSync(join(repo, 'package.json'))).toBe(false);

    expect(initRepository(repo, { force: true }).files).toContain('featc.config.ts');
    expect(readFileSync(join(repo, 'featc.config.ts'), 'utf8')).not.toBe('// ours\n');
    expect(existsSync(join(repo, 'package.json'))).toBe(true);
  });

  it('FEATC_E0402: featc sink redis refuses a --follow-interval that is not a positive number of seconds', () => {
    const graph = join(dir, 'job-graph.json');
    writeFileSync(graph, JSON.stringify(graphWithOutputs([{
      kind: 'redis', view: 'user_stats', topic: 'features.user_stats', entityKey: ['userId'], features: [{ name: 'clicks', type: 'bigint' }],
    }])));
    // Nothing listens on port 9: the refusal comes before Flink, Kafka or Redis is contacted, also
    // when following the deployed jobs (no graph given), the mode the interval is for.
    const endpoints = ['--kafka', '127.0.0.1:9', '--redis', 'redis://127.0.0.1:9', '--no-progress'];
    for (const [given, source] of [['0', [graph]], ['soon', [graph]], ['-5', ['--flink', 'http://127.0.0.1:9']]] as const) {
      const r = featc(dir, ['sink', 'redis', ...source, ...endpoints, '--follow-interval', given]);
      expect([given, r.status, r.stderr.trim()]).toEqual([given, 1, `error FEATC_E0402 --follow-interval must be a positive number of seconds, got ${given}\n  hint: e.g. --follow-interval 10`]);
    }
  });
});
