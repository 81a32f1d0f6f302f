import { FeatcError, formatBlock } from '../../common/errors.js';
import { catalogue, type DiagnosticCode } from './catalogue.js';
import { compilerCodes } from './codes.js';

export interface Diagnostic {
  readonly severity: 'error';
  readonly code: DiagnosticCode;
  readonly message: string;
  /** The definition file, relative to the working directory when possible. */
  readonly file: string | null;
  /** Where inside the definition, e.g. `userEngagement.features.clicks_5m.window`. */
  readonly path: string;
  readonly hint: string;
}

/** Collects diagnostics of one definition file; nothing stops at the first error. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  constructor(readonly file: string | null) {}

  report<C extends DiagnosticCode>(code: C, path: string, ...args: Parameters<(typeof catalogue)[C]>): void {
    const entry = catalogue[code] as (...a: unknown[]) => { message: string; hint: string };
    const { message, hint } = entry(...args);
    this.items.push({ severity: 'error', code, message, file: this.file, path, hint });
  }

  get hasErrors(): boolean {
    return this.items.length > 0;
  }
}

/** Joins a definition path; odd keys are shown JSON-quoted (`view.features["o'brien"]`). */
export function at(base: string, ...keys: string[]): string {
  return keys.reduce((path, key) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`), base);
}

/** Renders diagnostics in the STYLE.md format, one blank line apart. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => formatBlock({ ...d, where: [d.file, d.path].filter((part) => part).join(' › ') })).join('\n\n');
}

/**
 * Definitions with errors (thrown by `compileJob`, and by verbs that compile): a user error carrying
 * every diagnostic; its code is the first one's. `next` says what to do once they are fixed.
 */
export class DiagnosticsError extends FeatcError {
  constructor(readonly diagnostics: readonly Diagnostic[], readonly next?: string) {
    const first = diagnostics[0];
    super(first?.code ?? 'FEATC_E1000', formatDiagnostics(diagnostics), { kind: first ? 'user' : 'internal', hint: first?.hint ?? compilerCodes.FEATC_E1000.hint, where: first ? [first.file, first.path].filter((p) => p).join(' › ') : undefined });
    this.name = 'DiagnosticsError';
  }

  /** Every diagnostic, then how many. */
  override format(): string {
    return `${this.message}\n\n${this.diagnostics.length} error(s)${this.next ? `; ${this.next}` : ''}`;
  }
}
