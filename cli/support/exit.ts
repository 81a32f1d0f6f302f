import { printJsonError } from './json-output.js';

/** Runs a CLI action: user errors exit 1, infrastructure/internal errors exit 2, each with a readable message. */
export async function runAction(action: () => Promise<void>, json = false): Promise<void> {
  try {
    await action();
  } catch (err) {
    reportError(err, json);
  }
}

/** Prints a coded error (its own `format()`), or a one-line internal error; sets the exit code. */
export function reportError(err: unknown, json: boolean): void {
  const e = err as Error & { exitCode?: number; format?: () => string; code?: string; hint?: string; where?: string };
  const coded = typeof e?.format === 'function';
  if (json) printJsonError({ code: coded ? e.code ?? 'FEATC_E0001' : 'FEATC_E0001', message: e?.message ?? String(err), hint: e?.hint, where: e?.where });
  else console.error(coded ? e.format!() : unexpected(e));
  process.exitCode = typeof e?.exitCode === 'number' ? e.exitCode : 2;
}

/** An error without a code is a featc bug: say so in one line; the stack trace only with FEATC_DEBUG=1. */
function unexpected(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const detail = process.env.FEATC_DEBUG && e instanceof Error ? String(e.stack) : '  hint: likely a featc bug: run again with FEATC_DEBUG=1 for the stack trace and report it';
  return `error FEATC_E0001 unexpected error: ${message}\n${detail}`;
}
