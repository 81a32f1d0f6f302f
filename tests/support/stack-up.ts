import { StackError, stackUp, type Progress, type StackOptions, type StackPaths, type StackStatus } from '../../flink-deploy/local/index.js';

/** `stackUp` for test setups: a StackError's details (a service's log tail, a tool's output) are not in its message, so they go into what jest prints. */
export function stackUpForTests(paths: StackPaths, opts: StackOptions, progress: Progress): Promise<StackStatus> {
  return stackUp(paths, opts, progress).catch((err: unknown) => {
    throw err instanceof StackError ? new Error(err.format()) : err;
  });
}
