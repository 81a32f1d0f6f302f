import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileJob, jobsOfModule, type CompiledJob } from '../../../compiler/index.js';

/**
 * Every job defined in jobs/*.ts (tests excluded), compiled. Imported through jest's own module
 * system (compileDefinitions loads files with tsx, which does not run inside jest).
 */
export async function compileShippedJobs(): Promise<CompiledJob[]> {
  const files = readdirSync(resolve('jobs')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts')).sort();
  const compiled: CompiledJob[] = [];
  for (const f of files) {
    const module = (await import(resolve('jobs', f))) as Record<string, unknown>;
    for (const def of jobsOfModule(module)) compiled.push(compileJob(def, { file: `jobs/${f}` }));
  }
  return compiled;
}
