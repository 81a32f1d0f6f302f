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
    console.error(typeof e.format === 'function' ? e.format() : unexpected(e));
    process.exitCode = typeof e.exitCode === 'number' ? e.exitCode : 2;
  }
}

/** An error without a code is a featc bug: say so in one line; the stack trace only with FEATC_DEBUG=1. */
function unexpected(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const detail = process.env.FEATC_DEBUG && e instanceof Error ? String(e.stack) : '  hint: likely a featc bug: run again with FEATC_DEBUG=1 for the stack trace and report it';
  return `error FEATC_E0001 unexpected error: ${message}\n${detail}`;
}
