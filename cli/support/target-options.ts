import type { Command } from 'commander';
import { DiagnosticsError } from '../../compiler/index.js';
import { resolveTarget, type Target } from '../../flink-deploy/index.js';

export interface TargetFlags { flink?: string; gateway?: string; kafka?: string; config?: string; restTimeout?: string; json?: boolean }

/** `--flink`, `--gateway`, `--kafka`, `--config`, `--rest-timeout`, `--json`: shared by plan, deploy, status, stop, destroy. */
export function targetOptions(cmd: Command): Command {
  return cmd
    .option('--flink <url>', 'JobManager REST URL (default: featc.config.json, FEATC_FLINK_URL, then the local stack)')
    .option('--gateway <url>', 'SQL Gateway REST URL')
    .option('--kafka <bootstrap>', 'Kafka bootstrap servers the jobs read and write')
    .option('--config <file>', 'target config file (default featc.config.json)')
    .option('--rest-timeout <ms>', 'how long one Flink REST request may take (default 30000; config restTimeoutMs, env FEATC_REST_TIMEOUT_MS)')
    .option('--json', 'print a machine-readable result');
}

export function targetFrom(flags: TargetFlags): Promise<Target> {
  return resolveTarget({
    ...(flags.flink ? { flink: flags.flink } : {}), ...(flags.gateway ? { gateway: flags.gateway } : {}),
    ...(flags.kafka ? { kafka: flags.kafka } : {}), ...(flags.config ? { config: flags.config } : {}),
    ...(flags.restTimeout !== undefined ? { restTimeout: flags.restTimeout } : {}),
  });
}

/** Definition errors are user errors (exit 1), printed as the compiler formats them. */
export function asUserError(err: unknown): never {
  if (err instanceof DiagnosticsError) throw Object.assign(err, { exitCode: 1, format: () => err.message });
  throw err;
}
