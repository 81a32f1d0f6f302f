import { createHash } from 'node:crypto';
import type { JobDef } from '../dsl/index.js';
import { DiagnosticBag, DiagnosticsError, type Diagnostic } from './diagnostics/index.js';
import type { IrJob } from './ir/index.js';
import { lowerJob } from './lower/job.js';
import { planJob, type PhysicalPlan } from './passes/physical-plan.js';
import { buildGraph, type JobGraph } from './print/graph.js';
import { printMermaid } from './print/mermaid.js';
import { printJobSql, printStatements, type PrintOptions } from './print/sql/job-sql.js';

/** Everything `featc compile` produces for one job. Deterministic: same input, same bytes. */
export interface CompiledJob {
  readonly name: string;
  /** `sha256:<hex>` of job.sql. */
  readonly hash: string;
  /** Statements in submission order, without trailing `;`, placeholders unresolved. */
  readonly statements: readonly string[];
  /** job.sql */
  readonly sql: string;
  readonly graph: JobGraph;
  /** job-graph.json */
  readonly graphJson: string;
  /** graph.mmd */
  readonly mermaid: string;
  readonly ir: IrJob;
  /** The job's operators, relations and sinks, every one named: what the SQL, the graph and the deploy fingerprint are read from. */
  readonly plan: PhysicalPlan;
}

/** The files written to `<out>/<job>/`. */
export function compiledFiles(job: CompiledJob): Record<'job.sql' | 'job-graph.json' | 'graph.mmd', string> {
  return { 'job.sql': job.sql, 'job-graph.json': job.graphJson, 'graph.mmd': job.mermaid };
}

/**
 * The statements to submit for `job` with `options` (e.g. a refill's start timestamp): printed from
 * its IR, never edited as text. With no options, exactly `job.statements`.
 */
export function statementsFor(job: CompiledJob, options: PrintOptions): string[] {
  return printStatements(job.plan, options);
}

/** Runs the passes and printers over a validated IR. */
export function compileIr(ir: IrJob): CompiledJob {
  const plan = planJob(ir);
  const statements = printStatements(plan);
  const sql = printJobSql(ir, statements);
  const hash = `sha256:${createHash('sha256').update(sql).digest('hex')}`;
  const graph = buildGraph(plan, hash);
  return {
    name: ir.name, hash, statements, sql, graph, graphJson: `${JSON.stringify(graph, null, 2)}\n`, mermaid: printMermaid(graph), ir, plan,
  };
}

/** Lowers, validates and compiles one job; never throws on user errors. */
export function tryCompileJob(def: JobDef, file: string | null = null): { job: CompiledJob | null; diagnostics: Diagnostic[] } {
  const bag = new DiagnosticBag(file);
  const ir = lowerJob(def, bag);
  if (!ir || bag.hasErrors) return { job: null, diagnostics: bag.items };
  return { job: compileIr(ir), diagnostics: [] };
}

/** Lowers and validates one job into its IR, without printing; throws {@link DiagnosticsError} on user errors. */
export function lowerValidJob(def: JobDef, options: { file?: string } = {}): IrJob {
  const bag = new DiagnosticBag(options.file ?? null);
  const ir = lowerJob(def, bag);
  if (!ir || bag.hasErrors) throw new DiagnosticsError(bag.items);
  return ir;
}

/**
 * Compiles one job; throws {@link DiagnosticsError} (all diagnostics, formatted) on user errors.
 * @example `const { statements, hash } = compileJob(engagementJob, { file: 'jobs/engagement.ts' })`
 */
export function compileJob(def: JobDef, options: { file?: string } = {}): CompiledJob {
  return compileIr(lowerValidJob(def, options));
}
