import { StackError } from '../../flink-deploy/local/errors.js';

/** Runs a CLI action: user errors exit 1, infrastructure/internal errors exit 2, each with a readable message. */
export async function runAction(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (err instanceof StackError) {
      console.error(err.format());
      process.exitCode = err.exitCode;
      return;
    }
    const e = err as Error & { exitCode?: number; format?: () => string };
    console.error(typeof e.format === 'function' ? e.format() : `error ${e.message}`);
    process.exitCode = typeof e.exitCode === 'number' ? e.exitCode : 2;
  }
}
