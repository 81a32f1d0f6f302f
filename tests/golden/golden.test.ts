import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledFiles, formatDiagnostics, jobsOfModule, tryCompileJob } from '../../compiler/index.js';
import { jobGraphSchema } from '../../contracts/index.js';

// Golden cases: tests/golden/<case>/input.ts → expected/{job.sql, job-graph.json, graph.mmd} (or
// expected/diagnostics.txt), compared byte for byte. Rewrite only with FEATC_UPDATE_GOLDEN=1.
const here = dirname(fileURLToPath(import.meta.url));
const update = process.env.FEATC_UPDATE_GOLDEN === '1';
const cases = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'input.ts')))
  .map((d) => d.name)
  .sort();

async function render(caseName: string): Promise<Record<string, string>> {
  const module = (await import(join(here, caseName, 'input.ts'))) as Record<string, unknown>;
  const [def, ...rest] = jobsOfModule(module);
  if (!def || rest.length > 0) throw new Error(`${caseName}/input.ts must export exactly one job`);
  const { job, diagnostics } = tryCompileJob(def, `tests/golden/${caseName}/input.ts`);
  return job ? compiledFiles(job) : { 'diagnostics.txt': `${formatDiagnostics(diagnostics)}\n` };
}

describe('golden', () => {
  test('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(10));

  test.each(cases)('%s', async (caseName) => {
    const files = await render(caseName);
    const expectedDir = join(here, caseName, 'expected');
    if (update) {
      rmSync(expectedDir, { recursive: true, force: true });
      mkdirSync(expectedDir, { recursive: true });
      for (const [name, content] of Object.entries(files)) writeFileSync(join(expectedDir, name), content);
    }
    expect(readdirSync(expectedDir).sort()).toEqual(Object.keys(files).sort());
    for (const [name, content] of Object.entries(files)) {
      expect(`${name}:\n${content}`).toBe(`${name}:\n${readFileSync(join(expectedDir, name), 'utf8')}`);
    }
    // What the compiler writes is what every reader parses: the contract accepts it unchanged.
    const graph = files['job-graph.json'];
    if (graph !== undefined) expect(jobGraphSchema.parse(JSON.parse(graph))).toEqual(JSON.parse(graph));
  });

  test('the contract parses cases with a graph', () => {
    expect(cases.filter((c) => existsSync(join(here, c, 'expected', 'job-graph.json'))).length).toBeGreaterThanOrEqual(10);
  });
});
