import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stackDown, stackPaths } from '../../../flink-deploy/local/index.js';

/** Stops the stack only if this test run started it. */
export default async function globalTeardown(): Promise<void> {
  const paths = stackPaths();
  const marker = join(paths.home, 'started-by-tests');
  if (process.env.FEATC_KEEP_STACK === '1' || !existsSync(marker)) return;
  await stackDown(paths);
  rmSync(marker, { force: true });
}
