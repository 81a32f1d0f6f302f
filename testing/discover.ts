import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { importTypeScript } from '../common/ts-loader.js';
import { displayPath } from '../compiler/index.js';
import { isFeatureTest } from '../dsl/index.js';
import type { LoadedTest } from './run-test.js';

/** A test file that could not be loaded (syntax error, failing import, no tests). */
export interface LoadProblem {
  readonly file: string;
  readonly message: string;
}

function testFilesIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...testFilesIn(path));
    else if (entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/**
 * `*.test.ts` files for the given paths: a directory means every test file under it; a test file is
 * itself; a definition file `x.ts` means its neighbour `x.test.ts`.
 */
export function featureTestFiles(paths: readonly string[]): { files: string[]; problems: LoadProblem[] } {
  const files: string[] = [];
  const problems: LoadProblem[] = [];
  for (const path of paths) {
    if (!existsSync(path)) {
      problems.push({ file: displayPath(path), message: 'no such file or directory' });
      continue;
    }
    if (statSync(path).isDirectory()) files.push(...testFilesIn(path));
    else if (path.endsWith('.test.ts')) files.push(resolve(path));
    else {
      const sibling = join(dirname(path), `${basename(path, '.ts')}.test.ts`);
      if (existsSync(sibling)) files.push(resolve(sibling));
      else problems.push({ file: displayPath(path), message: `no tests: ${displayPath(sibling)} does not exist` });
    }
  }
  return { files: [...new Set(files.map((f) => resolve(f)))].sort(), problems };
}

/** Loads one TypeScript module; default: featc's loader (one module graph per run). */
export type ModuleImporter = (file: string) => Promise<Record<string, unknown>>;

/** Every exported `featureTest(...)` (also inside exported arrays) of each file, in export order. */
export async function loadFeatureTests(files: readonly string[], importModule: ModuleImporter = importTypeScript): Promise<{ tests: LoadedTest[]; problems: LoadProblem[] }> {
  const tests: LoadedTest[] = [];
  const problems: LoadProblem[] = [];
  for (const file of files) {
    try {
      const module = await importModule(file);
      const found: LoadedTest[] = [];
      for (const [exportName, value] of Object.entries(module)) {
        const values = Array.isArray(value) ? value : [value];
        for (const v of values) if (isFeatureTest(v) && !found.some((f) => f.test === v)) found.push({ file: displayPath(file), exportName, test: v });
      }
      if (found.length === 0) problems.push({ file: displayPath(file), message: 'exports no featureTest(...)' });
      tests.push(...found);
    } catch (err) {
      problems.push({ file: displayPath(file), message: (err as Error).message.split('\n')[0] ?? String(err) });
    }
  }
  return { tests, problems };
}
