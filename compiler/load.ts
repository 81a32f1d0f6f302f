import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { JobDef } from '../dsl/index.js';
import { importTypeScript } from '../common/ts-loader.js';
import { DiagnosticBag, type Diagnostic } from './diagnostics/index.js';

/** One loaded definition file and the jobs it exports. */
export interface LoadedFile {
  readonly file: string;
  readonly jobs: readonly JobDef[];
}

export interface LoadedDefinitions {
  readonly files: readonly LoadedFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Path as shown in diagnostics and output: relative to the working directory, with `/`. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return (rel.startsWith('..') ? resolve(path) : rel).split(sep).join('/');
}

/** Every exported `job(...)` value of a module, default or named, once each, sorted by name. */
export function jobsOfModule(module: Record<string, unknown>): JobDef[] {
  const jobs = new Set<JobDef>();
  const isJob = (value: unknown): value is JobDef =>
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'job';
  for (const value of Object.values(module)) {
    if (isJob(value)) jobs.add(value);
  }
  // Files outside an ESM package load as CommonJS: their exports sit one level down, under `default`.
  const cjs = module.default;
  if (typeof cjs === 'object' && cjs !== null && !isJob(cjs)) {
    for (const value of Object.values(cjs)) if (isJob(value)) jobs.add(value);
  }
  return [...jobs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `.ts` files of the given paths: files as given, directories' `*.ts` (not tests, not `.d.ts`), sorted. */
export function definitionFiles(paths: readonly string[], bag: DiagnosticBag): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      bag.report('FEATC_E1002', displayPath(path), displayPath(path));
      continue;
    }
    if (!isDir) { files.push(resolve(path)); continue; }
    const entries = readdirSync(path)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'))
      .sort();
    files.push(...entries.map((name) => resolve(join(path, name))));
  }
  return [...new Set(files)];
}

/**
 * The part of a load error a person needs: a syntax error's location and text (esbuild puts them on
 * the lines after "Transform failed with N error(s):"), paths shown as given, no require stack.
 */
export function loadErrorMessage(err: unknown, file: string): string {
  const text = err instanceof Error ? err.message : String(err);
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('Require stack') && !l.startsWith('- '));
  const first = lines[0] ?? 'unknown error';
  const message = first.endsWith(':') ? [first, ...lines.slice(1, 4)].join(' ') : first;
  return message.split(file).join(displayPath(file)).replace(/\?namespace=[0-9a-f-]+/g, '');
}

/**
 * Loads definition files into one module graph (TypeScript, no build step). A directory means every `*.ts` in it that is
 * not `*.test.ts`. Load failures become FEATC_E1001 diagnostics.
 */
export async function loadDefinitions(paths: readonly string[]): Promise<LoadedDefinitions> {
  const bag = new DiagnosticBag(null);
  const files: LoadedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const sources = definitionFiles(paths, bag);
  // All at once: the loader resolves and transforms the files in parallel; results stay in file order.
  const loaded = await Promise.allSettled(sources.map((file) => importTypeScript(file)));
  sources.forEach((file, i) => {
    const result = loaded[i];
    if (result?.status === 'fulfilled') files.push({ file: displayPath(file), jobs: jobsOfModule(result.value) });
    else {
      const fileBag = new DiagnosticBag(displayPath(file));
      fileBag.report('FEATC_E1001', '(module)', loadErrorMessage(result?.reason, file));
      diagnostics.push(...fileBag.items);
    }
  });
  return { files, diagnostics: [...bag.items, ...diagnostics] };
}
