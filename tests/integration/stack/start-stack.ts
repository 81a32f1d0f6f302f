import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Progress, resolveStackOptions, stackEnv, stackPaths, stackStatus } from '../../../flink-deploy/local/index.js';
import { stackUpForTests } from '../../support/stack-up.js';

/**
 * One real stack per test run: reuse a healthy one (`featc local up` beforehand keeps the loop quick),
 * otherwise start it and leave a marker so the teardown stops exactly what this run started.
 */
export default async function globalSetup(): Promise<void> {
  const paths = stackPaths();
  const before = await stackStatus(paths);
  const healthy = Object.values(before.services).every((s) => s.healthy);
  let status = before;
  if (!healthy) {
    const t0 = Date.now();
    process.stderr.write('\n[featc] starting the local stack for the integration tests…\n');
    status = await stackUpForTests(paths, resolveStackOptions(), new Progress());
    writeFileSync(join(paths.home, 'started-by-tests'), `${process.pid}\n`);
    // Nobody else uses a stack this run started: tests that kill its processes may run on it.
    process.env.FEATC_STACK_OWNED_BY_RUN = '1';
    process.stderr.write(`[featc] stack up in ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
  } else {
    process.stderr.write('\n[featc] reusing the running local stack\n');
  }
  Object.assign(process.env, stackEnv(status));
}
