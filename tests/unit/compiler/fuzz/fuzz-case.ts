import type fc from 'fast-check';
import { catalogue, compiledFiles, DiagnosticsError, tryCompileJob, type CompiledJob, type Diagnostic } from '../../../../compiler/index.js';
import type { JobDef } from '../../../../dsl/index.js';
import { buildJob } from './build.js';
import { arbitraryOf, EmptyPick, type Draw } from './draw.js';
import { validJob } from './gen-valid.js';
import { LOOSE_MUTATIONS, MUTATIONS, type Mutation } from './mutations.js';
import type { JobSpec } from './spec.js';
import { checkJobFile, checkSql } from './sql-check.js';

/** One fuzzed definition: a valid spec, maybe broken by mutations, maybe mangled after building. */
export interface FuzzCase {
  readonly spec: JobSpec;
  readonly mutations: readonly Mutation[];
  /** Built and broken at generation time (untyped garbage): compiled as is. */
  readonly loose?: { readonly name: string; readonly def: JobDef };
}

function applies(m: Mutation, d: Draw, spec: JobSpec): boolean {
  try {
    return m.apply(d, spec);
  } catch (err) {
    if (err instanceof EmptyPick) return false;
    throw err;
  }
}

export function fuzzCases(): fc.Arbitrary<FuzzCase> {
  return arbitraryOf((d): FuzzCase => {
    const spec = validJob(d);
    const roll = d.int(0, 99);
    if (roll < 45) return { spec, mutations: [] };
    if (roll < 90) {
      const applied: Mutation[] = [];
      const wanted = roll < 75 ? 1 : 2;
      for (let tries = 0; applied.length < wanted && tries < 6; tries++) {
        const m = d.pick(MUTATIONS);
        if (applies(m, d, spec)) applied.push(m);
      }
      return { spec, mutations: applied };
    }
    const m = d.pick(LOOSE_MUTATIONS);
    const def = buildJob(spec) as unknown as Record<string, unknown>;
    m.apply(d, def);
    return { spec, mutations: [], loose: { name: m.name, def: def as unknown as JobDef } };
  });
}

export interface FuzzStats {
  validCompiled: number;
  invalidDiagnosed: number;
  /** Mutated definitions that still compiled (mutations whose code is null). */
  mutatedCompiled: number;
  byCode: Map<string, number>;
  crashes: number;
}

export function emptyStats(): FuzzStats {
  return { validCompiled: 0, invalidDiagnosed: 0, mutatedCompiled: 0, byCode: new Map(), crashes: 0 };
}

function describe(c: FuzzCase): string {
  return c.loose ? `loose mutation "${c.loose.name}"` : c.mutations.length > 0 ? `mutations ${c.mutations.map((m) => `"${m.name}"`).join(', ')}` : 'valid definition';
}

function compile(def: JobDef, what: string, stats?: FuzzStats): { job: CompiledJob | null; diagnostics: Diagnostic[] } {
  try {
    return tryCompileJob(def);
  } catch (err) {
    if (err instanceof DiagnosticsError) return { job: null, diagnostics: [...err.diagnostics] };
    if (stats) stats.crashes++;
    throw new Error(`CRASH compiling a ${what}: ${(err as Error).stack ?? String(err)}`, { cause: err });
  }
}

function checkDiagnostic(d: Diagnostic): string[] {
  const problems: string[] = [];
  if (!/^FEATC_E\d{4}$/.test(d.code) || !Object.hasOwn(catalogue, d.code)) problems.push(`unknown code ${d.code}`);
  if (typeof d.path !== 'string' || d.path === '') problems.push(`${d.code} without a path`);
  if (typeof d.hint !== 'string' || d.hint.trim() === '') problems.push(`${d.code} without a hint`);
  if (typeof d.message !== 'string' || d.message.trim() === '') problems.push(`${d.code} without a message`);
  return problems;
}

/**
 * The properties, for one case: (a) compiling throws nothing but coded diagnostics, every one with
 * a code, path and hint, and a broken definition gets the diagnostic its mutation calls for;
 * (b) a definition that compiles compiles to the same bytes from a fresh build; (c) its SQL reads
 * back with every name in its quotes. Throws (fast-check then shrinks) on any violation.
 */
export function checkCase(c: FuzzCase, stats: FuzzStats): void {
  const what = describe(c);
  const { job, diagnostics } = compile(c.loose?.def ?? buildJob(c.spec), what, stats);
  const problems = diagnostics.flatMap(checkDiagnostic);
  if (job) {
    if (c.mutations.some((m) => m.expect !== null)) problems.push(`${what} compiled without a diagnostic`);
    if (!c.loose) {
      const again = compile(buildJob(c.spec), what).job;
      if (!again || again.hash !== job.hash || JSON.stringify(compiledFiles(again)) !== JSON.stringify(compiledFiles(job))
        || JSON.stringify(again.statements) !== JSON.stringify(job.statements)) problems.push('a fresh build of the same spec compiled differently');
      problems.push(...checkSql(job, c.spec), ...checkJobFile(job));
    }
    if (c.mutations.length === 0 && !c.loose) stats.validCompiled++;
    else stats.mutatedCompiled++;
  } else {
    if (c.mutations.length === 0 && !c.loose) problems.push(`valid definition rejected: ${diagnostics.map((d) => `${d.code} ${d.message} at ${d.path}`).join('; ')}`);
    // compileJob would throw FEATC_E1000 with an empty message: the user is not told what is wrong.
    if (diagnostics.length === 0) problems.push('rejected without a diagnostic');
    // One mutation: its diagnostic must be there. Two: at least one of them (the first can hide the second).
    const expected = c.mutations.flatMap((m) => (m.expect === null ? [] : [typeof m.expect === 'string' ? [m.expect] : [...m.expect]]));
    const codes = new Set<string>(diagnostics.map((d) => d.code));
    const found = (alternatives: readonly string[]): boolean => alternatives.some((e) => codes.has(e));
    if (expected.length > 0 && (c.mutations.length === 1 ? !expected.every(found) : !expected.some(found))) {
      problems.push(`${what} expected ${expected.map((e) => e.join('|')).join(' and ')}, got ${[...codes].join(', ') || 'nothing'}`);
    }
    const repeat = compile(c.loose?.def ?? buildJob(c.spec), what).diagnostics;
    if (JSON.stringify(repeat) !== JSON.stringify(diagnostics)) problems.push('diagnostics differ between two compiles');
    stats.invalidDiagnosed++;
    for (const d of diagnostics) stats.byCode.set(d.code, (stats.byCode.get(d.code) ?? 0) + 1);
  }
  if (problems.length > 0) throw new Error(`${what}:\n  ${problems.slice(0, 12).join('\n  ')}`);
}

/** One line for the CI log. */
export function summary(stats: FuzzStats, runs: number, seed: number, ms: number, cpuMs: number): string {
  const codes = [...stats.byCode].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, n]) => `${code.replace('FEATC_', '')}×${n}`).join(' ');
  return `compiler fuzz seed=${seed} runs=${runs} in ${(ms / 1000).toFixed(1)}s (cpu ${(cpuMs / 1000).toFixed(1)}s): ${stats.validCompiled} valid compiled, `
    + `${stats.invalidDiagnosed} invalid with diagnostics [${codes}], ${stats.mutatedCompiled} mutated still valid, ${stats.crashes} crashes`;
}
