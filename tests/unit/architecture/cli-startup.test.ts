import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// `featc --help` and every verb start by loading cli/main.ts and what it imports statically; verbs
// load their work with import() when they run. Building the zod schemas of contracts/ (job-graph.ts,
// deployed-artifact.ts) costs ~50 ms, a third of the CLI's start (bench: `npm run bench -- --only cli`),
// so the static graph of the CLI entry must not reach zod.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Static, value-carrying imports and re-exports of a file (not `import type`, not `import()`). */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
  return source.statements.flatMap((s) => {
    if (ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly && ts.isStringLiteral(s.moduleSpecifier)) return [s.moduleSpecifier.text];
    if (ts.isExportDeclaration(s) && !s.isTypeOnly && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) return [s.moduleSpecifier.text];
    return [];
  });
}

/** Every repository file and package the entry loads before any verb runs. */
function startupGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files: [...files].map((f) => relative(root, f)).sort(), packages: [...packages].sort() };
}

describe('the CLI starts without building zod schemas', () => {
  const graph = startupGraph(resolve(root, 'cli/main.ts'));

  it('walks the entry\'s static imports', () => {
    expect(graph.files).toContain('cli/commands/index.ts');
    expect(graph.files).toContain('common/errors.ts');
  });

  it('loads neither zod nor the contracts\' schemas', () => {
    expect(graph.packages.filter((p) => p === 'zod' || p.startsWith('zod/'))).toEqual([]);
    expect(graph.files.filter((f) => /^contracts\/(index|job-graph|deployed-artifact)\.ts$/.test(f))).toEqual([]);
  });
});
