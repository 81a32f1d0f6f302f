import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import type { StackStatus, StopSignal } from '../../flink-deploy/local/index.js';
import { StackError } from '../../flink-deploy/local/errors.js';
import { SERVICE_NAMES, type ServiceName } from '../../flink-deploy/local/processes.js';
import { runAction } from '../support/exit.js';
import { printJson } from '../support/json-output.js';

/** The stack launcher, loaded when a `local` verb runs. */
const stack = () => import('../../flink-deploy/local/index.js');

const LOG_FILES: Record<string, string> = { redis: 'redis.log', kafka: 'kafka.log', zookeeper: 'zookeeper.log', jobmanager: 'jobmanager.log', taskmanager: 'taskmanager.log', sqlGateway: 'sql-gateway.log', 'sql-gateway': 'sql-gateway.log' };

function portOption(flag: string, env: string, what: string): Option {
  return new Option(`${flag} <port>`, `${what} port (env ${env})`).argParser((v) => Number(v));
}

export function registerLocal(program: Command): void {
  const local = program.command('local').description('run the local stack: Flink session cluster + SQL Gateway, Kafka (KRaft), Redis');
  local.option('--dir <dir>', 'stack data, logs and pids (default: FEATC_HOME, else ~/.local/state/featc/stack, shared by every repository)');

  local
    .command('up')
    .description('start the local stack (downloads jars once) and wait until every service is healthy')
    .addOption(portOption('--flink-port', 'FEATC_FLINK_PORT', 'Flink REST'))
    .addOption(portOption('--flink-rpc-port', 'FEATC_FLINK_RPC_PORT', 'Flink JobManager RPC'))
    .addOption(portOption('--gateway-port', 'FEATC_SQL_GATEWAY_PORT', 'SQL Gateway REST'))
    .addOption(portOption('--kafka-port', 'FEATC_KAFKA_PORT', 'Kafka'))
    .addOption(portOption('--kafka-controller-port', 'FEATC_KAFKA_CONTROLLER_PORT', 'Kafka KRaft controller'))
    .addOption(portOption('--redis-port', 'FEATC_REDIS_PORT', 'Redis'))
    .addOption(portOption('--zookeeper-port', 'FEATC_ZOOKEEPER_PORT', 'ZooKeeper (with --ha)'))
    .option('--redis-url <url>', 'use an existing Redis instead of starting one')
    .option('--ha', 'JobManager high availability: also run ZooKeeper, so a restarted JobManager resumes its jobs (env FEATC_HA=1)')
    .option('--json', 'print the final status as JSON')
    .action((o: Record<string, unknown>, cmd: Command) => runAction(async () => {
      const { choosesStackOptions, Progress, resolveStackOptions, stackPaths, stackUp } = await stack();
      const paths = stackPaths(dirOf(cmd));
      const ports = {
        ...pick(o, 'flinkPort', 'flinkRest'), ...pick(o, 'flinkRpcPort', 'flinkRpc'), ...pick(o, 'gatewayPort', 'sqlGateway'),
        ...pick(o, 'kafkaPort', 'kafka'), ...pick(o, 'kafkaControllerPort', 'kafkaController'), ...pick(o, 'redisPort', 'redis'),
        ...pick(o, 'zookeeperPort', 'zookeeper'),
      };
      const flags = { ...ports, redisUrl: o.redisUrl as string | undefined, ...(o.ha ? { ha: true } : {}) };
      // Nothing chosen: a stack stopped with `down` comes back as it last ran (ports, --ha, --redis-url).
      const status = await stackUp(paths, resolveStackOptions(flags), new Progress(), { reuseSaved: !choosesStackOptions(flags) });
      printStatus(status, Boolean(o.json));
    }, Boolean(o.json)));

  local
    .command('fetch')
    .description('download the Flink and Kafka jars into the cache without starting anything')
    .action((_o: unknown, cmd: Command) => runAction(async () => {
      const [{ checkPrerequisites }, { checkJava }, { ensureJars }, { Progress, stackPaths }] = await Promise.all([
        import('../../flink-deploy/local/preflight.js'), import('../../flink-deploy/local/java.js'), import('../../flink-deploy/local/artifacts.js'), stack(),
      ]);
      await checkPrerequisites(stackPaths(dirOf(cmd)), { redis: false });
      await checkJava();
      await ensureJars(stackPaths(dirOf(cmd)), new Progress());
    }));

  local
    .command('down')
    .description('stop exactly the processes `up` started (by pid)')
    .action((_o: unknown, cmd: Command) => runAction(async () => {
      const { stackDown, stackPaths } = await stack();
      await stackDown(stackPaths(dirOf(cmd)));
    }));

  local
    .command('restart')
    .description(`stop one service by its pid and start it again on the same ports and data: ${SERVICE_NAMES.join(', ')}`)
    .argument('<service>', 'the service')
    .addOption(new Option('--signal <signal>', 'how to stop it (SIGKILL: as a crash would)').choices(['SIGTERM', 'SIGKILL']).default('SIGTERM'))
    .action((service: string, o: { signal: StopSignal }, cmd: Command) => runAction(async () => {
      const { restartService, stackPaths } = await stack();
      const r = await restartService(stackPaths(dirOf(cmd)), serviceName(service), o.signal);
      console.log(`${r.service}: stopped pid ${r.oldPid} (${r.signal}, ${r.stopMs} ms), started pid ${r.newPid}, healthy after ${(r.startMs / 1000).toFixed(1)} s`);
    }));

  local
    .command('stop')
    .description('stop one service by its pid (the others keep running); `featc local start <service>` brings it back')
    .argument('<service>', 'the service')
    .addOption(new Option('--signal <signal>', 'how to stop it').choices(['SIGTERM', 'SIGKILL']).default('SIGTERM'))
    .action((service: string, o: { signal: StopSignal }, cmd: Command) => runAction(async () => {
      const { stopService, stackPaths } = await stack();
      const pid = await stopService(stackPaths(dirOf(cmd)), serviceName(service), o.signal);
      console.log(`${service}: stopped pid ${pid}`);
    }));

  local
    .command('start')
    .description('start one stopped service with the options the stack runs with, and wait until it is healthy')
    .argument('<service>', 'the service')
    .action((service: string, _o: unknown, cmd: Command) => runAction(async () => {
      const { startService, stackPaths } = await stack();
      const pid = await startService(stackPaths(dirOf(cmd)), serviceName(service));
      console.log(`${service}: started pid ${pid}, healthy`);
    }));

  local
    .command('status')
    .description('health and URL of every service; exit 1 if any is unhealthy')
    .option('--json', 'machine-readable output')
    .action((o: { json?: boolean }, cmd: Command) => runAction(async () => {
      const { stackStatus, stackPaths } = await stack();
      const status = await stackStatus(stackPaths(dirOf(cmd)));
      printStatus(status, Boolean(o.json));
      if (!Object.values(status.services).every((s) => s.healthy)) process.exitCode = 1;
    }, Boolean(o.json)));

  local
    .command('env')
    .description('print shell exports (FEATC_FLINK_URL, …) for tools and tests that use this stack')
    .action((_o: unknown, cmd: Command) => runAction(async () => {
      const { stackEnv, stackStatus, stackPaths } = await stack();
      const env = stackEnv(await stackStatus(stackPaths(dirOf(cmd))));
      for (const [k, v] of Object.entries(env)) console.log(`export ${k}=${v}`);
    }));

  local
    .command('logs')
    .description(`print a service's log: ${SERVICE_NAMES.join(', ')}`)
    .argument('<service>', 'the service')
    .option('-n, --lines <n>', 'how many lines from the end', '100')
    .option('-f, --follow', 'keep printing new lines')
    .action((service: string, o: { lines: string; follow?: boolean }, cmd: Command) => runAction(async () => {
      const file = LOG_FILES[service];
      if (!file) throw new StackError('FEATC_E9030', `unknown service ${JSON.stringify(service)}`, `one of: ${SERVICE_NAMES.join(', ')}`);
      const { logTail, stackPaths } = await stack();
      const path = join(stackPaths(dirOf(cmd)).logs, file);
      if (!existsSync(path)) throw new StackError('FEATC_E9031', `no log for ${service} at ${path}`, 'start the stack first: featc local up');
      if (o.follow) {
        await new Promise<void>((resolve) => spawn('tail', ['-n', o.lines, '-f', path], { stdio: 'inherit' }).on('close', () => resolve()));
      } else {
        console.log(logTail(path, Number(o.lines)).join('\n'));
      }
    }));
}

function serviceName(name: string): ServiceName {
  const canonical = name === 'sql-gateway' ? 'sqlGateway' : name;
  const found = SERVICE_NAMES.find((n) => n === canonical);
  if (!found) throw new StackError('FEATC_E9030', `unknown service ${JSON.stringify(name)}`, `one of: ${SERVICE_NAMES.join(', ')}`);
  return found;
}

function dirOf(cmd: Command): string | undefined {
  return (cmd.parent?.opts() as { dir?: string }).dir;
}

function pick(o: Record<string, unknown>, from: string, to: string): Record<string, number> {
  return typeof o[from] === 'number' ? { [to]: o[from] as number } : {};
}

function printStatus(status: StackStatus, json: boolean): void {
  if (json) {
    printJson({ ok: Object.values(status.services).every((s) => s.healthy), ...status });
    return;
  }
  for (const [name, s] of Object.entries(status.services)) {
    const extra = name === 'taskmanager' && typeof s.slots === 'number' ? ` slots=${s.slots}` : '';
    console.log(`${s.healthy ? '✔' : '✘'} ${name.padEnd(12)} ${s.url}${extra}${s.pid ? ` pid=${s.pid}` : ''}${s.healthy ? '' : `  (${s.detail ?? 'unhealthy'})`}`);
  }
}
