import { FeatcError, formatBlock } from '../../common/errors.js';
import { cliCodes } from './codes.js';
import { printJsonError } from './json-output.js';

/** Runs a CLI action: user errors exit 1, infrastructure/internal errors exit 2, each with a readable message. */
export async function runAction(action: () => Promise<void>, json = false): Promise<void> {
  try {
    await action();
  } catch (err) {
    reportError(err, json);
  }
}

/** Prints a FeatcError (its `format()`, or the JSON envelope), or a one-line internal error; sets the exit code. */
export function reportError(err: unknown, json: boolean): void {
  if (err instanceof FeatcError) {
    if (json) printJsonError({ code: err.code, message: err.message, hint: err.hint, where: err.where });
    else console.error(err.format());
    process.exitCode = err.exitCode;
    return;
  }
  if (json) printJsonError({ code: 'FEATC_E0001', message: err instanceof Error ? err.message : String(err), hint: cliCodes.FEATC_E0001.hint, where: undefined });
  else console.error(unexpected(err));
  process.exitCode = 2;
}

/** An error without a code is a featc bug: say so in one line; the stack trace only with FEATC_DEBUG=1. */
function unexpected(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (process.env.FEATC_DEBUG && e instanceof Error) return `${formatBlock({ code: 'FEATC_E0001', message: `unexpected error: ${message}` })}\n${String(e.stack)}`;
  return formatBlock({ code: 'FEATC_E0001', message: `unexpected error: ${message}`, hint: cliCodes.FEATC_E0001.hint });
}
