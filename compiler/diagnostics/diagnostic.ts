import { catalogue, type DiagnosticCode } from './catalogue.js';

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
  return diagnostics
    .map((d) => {
      const where = [d.file, d.path].filter((part) => part).join(' › ');
      return `${d.severity} ${d.code} ${d.message}\n  at ${where}\n  hint: ${d.hint}`;
    })
    .join('\n\n');
}

/** Thrown by `compileJob` when a definition has errors; carries every diagnostic. */
export class DiagnosticsError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(formatDiagnostics(diagnostics));
    this.name = 'DiagnosticsError';
  }
}
