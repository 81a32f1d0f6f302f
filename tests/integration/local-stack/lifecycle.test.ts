import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../flink-deploy/local/ports.js';
import { isAlive, stopProcess, type StackState } from '../../../flink-deploy/local/processes.js';
import { writeStackConfigs } from '../../../flink-deploy/local/configs.js';
import { resolveStackOptions, type StackPorts } from '../../../flink-deploy/local/options.js';
import { stackPaths, type StackPaths } from '../../../flink-deploy/local/paths.js';
import { serviceSpecs, type ServiceSpec } from '../../../flink-deploy/local/services.js';
import { launch, waitHealthy } from '../../../flink-deploy/local/stack.js';

/** The Kafka service of a new stack in its own temporary directory, its configs written, not started. */
function kafkaOfNewStack(prefix: string, ports: Partial<StackPorts>): { paths: StackPaths; kafka: ServiceSpec } {
  const paths = stackPaths(mkdtempSync(join(tmpdir(), prefix)));
  const opts = resolveStackOptions(ports, {});
  writeStackConfigs(paths, opts);
  return { paths, kafka: serviceSpecs(paths, opts).find((s) => s.name === 'kafka')! };
}

/** A second, private stack (own dir and ports) so the shared one of this run is never touched. */
describe('featc local up | status | down on a private stack', () => {
  const home = mkdtempSync(join(tmpdir(), 'featc-lifecycle-'));
  const env = { ...process.env, FEATC_TASK_SLOTS: '4', FEATC_TM_MEMORY: '1600m' };
  const portFlags: string[] = [];
  const cli = (...args: string[]) => spawnSync('node', ['bin/featc.js', 'local', '--dir', home, ...args], { env, encoding: 'utf8', timeout: 240_000 });

  beforeAll(async () => {
    const names = ['--flink-port', '--flink-rpc-port', '--gateway-port', '--kafka-port', '--kafka-controller-port', '--redis-port'];
    const chosen = new Set<number>();
    while (chosen.size < names.length) chosen.add(await freePort());
    [...chosen].forEach((port, i) => portFlags.push(names[i]!, String(port)));
  });

  afterAll(() => {
    cli('down');
    rmSync(home, { recursive: true, force: true });
  });

  it('brings up five healthy services, is a no-op when up, reports a crash, and leaves nothing behind', () => {
    const up = cli('up', ...portFlags, '--json');
    expect(up.stderr).toContain('local stack up');
    expect(up.status).toBe(0);
    const status = JSON.parse(up.stdout) as { services: Record<string, { healthy: boolean; url: string; pid: number; slots?: number }> };
    expect(Object.keys(status.services).sort()).toEqual(['jobmanager', 'kafka', 'redis', 'sqlGateway', 'taskmanager']);
    for (const s of Object.values(status.services)) {
      expect(s.healthy).toBe(true);
      expect(s.url).toMatch(/127\.0\.0\.1:\d+/);
    }
    expect(status.services.taskmanager!.slots).toBeGreaterThanOrEqual(4);
    const pids = Object.values(status.services).map((s) => s.pid);
    expect(new Set(pids).size).toBe(5);

    const again = cli('up', ...portFlags);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('already up; nothing to do');

    process.kill(status.services.redis!.pid, 'SIGKILL');
    const crashed = cli('status', '--json');
    expect(crashed.status).toBe(1);
    const after = JSON.parse(crashed.stdout) as { services: Record<string, { healthy: boolean }> };
    expect(after.services.redis!.healthy).toBe(false);
    expect(after.services.jobmanager!.healthy).toBe(true);

    const down = cli('down');
    expect(down.status).toBe(0);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    const gone = JSON.parse(cli('status', '--json').stdout) as { services: Record<string, { healthy: boolean; detail?: string }> };
    for (const s of Object.values(gone.services)) expect(s).toMatchObject({ healthy: false, detail: 'not started' });
  });

  it('refuses a taken port with a coded, actionable error and exit code 1', async () => {
    const blocker: Server = createServer();
    let port = await freePort();
    while (portFlags.includes(String(port))) port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
    try {
      const flags = [...portFlags];
      flags[flags.indexOf('--flink-port') + 1] = String(port);
      const r = cli('up', ...flags);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`error FEATC_E9010 port ${port} (Flink REST) is already taken by another process`);
      expect(r.stderr).toContain('hint: stop that process, or choose another port: featc local up --flink-port <port>');
    } finally {
      blocker.close();
    }
  });
  it('Kafka that loses its port between the check and the bind: FEATC_E9010 with the port and the flags that move it', async () => {
    // What a passing outgoing connection did to a CI run: the port was free when checked, taken when Kafka bound it.
    const ports = { kafka: await freePort(), kafkaController: await freePort() };
    const { paths, kafka } = kafkaOfNewStack('featc-bind-', ports);
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(ports.kafkaController, '127.0.0.1', () => r()));
    const state: StackState = { services: {} };
    try {
      await launch(paths, kafka, state);
      const err = await waitHealthy(kafka, state).then(() => undefined, (e: unknown) => e as { code: string; message: string; hint: string; details: string[] });
      expect(err?.code).toBe('FEATC_E9010');
      expect(err?.message).toBe(`Kafka broker (KRaft) exited during start: one of its ports (${ports.kafka}, ${ports.kafkaController}) was taken by another process before it could bind`);
      expect(err?.hint).toContain('featc local up --kafka-port <port> --kafka-controller-port <port>');
      expect(err?.details.join('\n')).toMatch(/Address already in use|BindException/);
    } finally {
      blocker.close();
      if (state.services.kafka) await stopProcess(state.services.kafka.pid, 5000);
      rmSync(paths.home, { recursive: true, force: true });
    }
  });
  it('Kafka storage that cannot be formatted: FEATC_E9021 with the tool\'s own words, after one retry', async () => {
    const { paths, kafka } = kafkaOfNewStack('featc-format-', {});
    try {
      writeFileSync(join(paths.conf, 'kafka.properties'), `node.id=1\nlog.dirs=${join(paths.data, 'kafka')}\n`);
      const err = await kafka.command().then(() => 'formatted', (e: unknown) => e);
      // One matcher over the whole error, so a failure prints what came back (with the tool's output in details).
      expect(err).toMatchObject({
        code: 'FEATC_E9021',
        message: expect.stringMatching(/^formatting the Kafka storage failed twice: .*ConfigException: Missing required configuration "process\.roles" which has no default value\.$/),
        hint: `remove ${join(paths.data, 'kafka')} and run \`featc local up\` again`,
      });
    } finally {
      rmSync(paths.home, { recursive: true, force: true });
    }
  });
});
