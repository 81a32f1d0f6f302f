import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The CLI as users run it: a child process. Each case fails on its options, before any cluster or stack is contacted
// (the endpoints given point at a closed port, and the local-stack verbs get a stack directory of their own).
const root = resolve('.');
const featc = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/featc.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 90_000 });
const nowhere = ['--flink', 'http://127.0.0.1:9', '--gateway', 'http://127.0.0.1:9', '--kafka', '127.0.0.1:9'];

let home: string;
beforeAll(() => { home = mkdtempSync(join(tmpdir(), 'featc-cli-options-')); });
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('CLI option errors: coded, exit 1, stdout empty', () => {
  test('FEATC_E7163: deploy --topic-partitions that is not a whole number of at least 1', () => {
    for (const given of ['0', '2.5']) {
      const r = featc('deploy', 'jobs/token-usage.ts', ...nowhere, '--yes', '--topic-partitions', given);
      expect(r.stderr).toContain(`error FEATC_E7163 --topic-partitions must be a whole number of at least 1, got "${given}"`);
      expect(r.stderr).toContain('hint: e.g. --topic-partitions 6');
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
    }
  });

  test('FEATC_E7301: test --reporter other than junit', () => {
    const r = featc('test', 'jobs/token-usage.ts', ...nowhere, '--reporter', 'tap');
    expect(r.stderr).toContain("error FEATC_E7301 unknown reporter 'tap'");
    expect(r.stderr).toContain('hint: use --reporter junit');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
  });

  test('FEATC_E9030: local logs / stop of a service the stack does not have', () => {
    const logs = featc('local', '--dir', home, 'logs', 'flink');
    expect(logs.stderr).toContain('error FEATC_E9030 unknown service "flink"');
    expect(logs.stderr).toContain('hint: one of: redis, kafka, zookeeper, jobmanager, taskmanager, sqlGateway');
    expect(logs.status).toBe(1);
    const stop = featc('local', '--dir', home, 'stop', 'postgres');
    expect(stop.stderr).toContain('error FEATC_E9030 unknown service "postgres"');
    expect(stop.status).toBe(1);
  });

  test('FEATC_E9031: local logs of a stack that never ran names the file it looked for', () => {
    const r = featc('local', '--dir', home, 'logs', 'sql-gateway');
    expect(r.stderr).toContain(`error FEATC_E9031 no log for sql-gateway at ${join(home, 'logs', 'sql-gateway.log')}`);
    expect(r.stderr).toContain('hint: start the stack first: featc local up');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
  });
});
