import { resolveStackOptions, stackDown, stackEnv, stackPaths, stackStatus, stackUp, Progress } from '../../flink-deploy/local/index.js';

export interface BenchStack {
  env: Record<string, string>;
  /** True when this run started the stack (then `release` stops it). */
  started: boolean;
  release(): Promise<void>;
}

/** Reuses the local stack when every service is healthy, else starts it (and stops it on release). */
export async function acquireStack(log: (line: string) => void): Promise<BenchStack> {
  const paths = stackPaths();
  const status = await stackStatus(paths);
  const healthy = Object.values(status.services).every((s) => s.healthy);
  if (healthy) {
    log('reusing the running local stack');
    return { env: stackEnv(status), started: false, release: async () => undefined };
  }
  log('local stack not healthy: starting it (stopped again at the end)');
  const up = await stackUp(paths, resolveStackOptions(), new Progress(log));
  return { env: stackEnv(up), started: true, release: () => stackDown(paths, new Progress(log)) };
}
