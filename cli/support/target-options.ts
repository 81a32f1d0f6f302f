import type { Command } from 'commander';
import type { Target } from '../../flink-deploy/target.js';
import { configuredTarget } from './context.js';

export interface TargetFlags { flink?: string; gateway?: string; kafka?: string; config?: string; restTimeout?: string; json?: boolean }

const featcConfigCommands = new WeakSet<Command>();

/** Whether `--config` of this command names the featc config file (featc.config.ts / .json). */
export function takesFeatcConfig(cmd: Command): boolean {
  return featcConfigCommands.has(cmd);
}

/** `--flink`, `--gateway`, `--kafka`, `--config`, `--rest-timeout`, `--json`: shared by plan, deploy, status, stop, destroy. */
export function targetOptions(cmd: Command): Command {
  featcConfigCommands.add(cmd);
  return cmd
    .option('--flink <url>', 'JobManager REST URL (default: the --target in featc.config.ts, FEATC_FLINK_URL, then the local stack)')
    .option('--gateway <url>', 'SQL Gateway REST URL')
    .option('--kafka <bootstrap>', 'Kafka bootstrap servers the jobs read and write')
    .option('--config <file>', 'the featc config file (default: the nearest featc.config.ts or featc.config.json at or above the working directory; env FEATC_CONFIG)')
    .option('--rest-timeout <ms>', 'how long one Flink REST request may take (default 30000; target restTimeoutMs, env FEATC_REST_TIMEOUT_MS)')
    .option('--json', 'print a machine-readable result');
}

/** Flags, then the config target (`--target` or `defaultTarget`), then FEATC_* variables, then the local stack (flink-deploy/environment.ts). */
export async function targetFrom(flags: TargetFlags): Promise<Target> {
  const { resolveTarget } = await import('../../flink-deploy/target.js');
  // --config reached the run's config through the global flags (cli/main.ts); it is read once, there.
  return resolveTarget({
    ...(flags.flink ? { flink: flags.flink } : {}), ...(flags.gateway ? { gateway: flags.gateway } : {}),
    ...(flags.kafka ? { kafka: flags.kafka } : {}),
    ...(flags.restTimeout !== undefined ? { restTimeout: flags.restTimeout } : {}),
    configured: await configuredTarget(),
  });
}
