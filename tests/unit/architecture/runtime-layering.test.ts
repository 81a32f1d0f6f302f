import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The serving path must not load the compiler: runtime/ imports neither compiler/ nor dsl/, not even
// types (a type import would tie runtime's .d.ts to the DSL). `featc/client` (api/client.ts) lowers
// DSL views with the compiler and hands the runtime client compiled specs.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FORBIDDEN = ['compiler', 'dsl'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file names: static imports and re-exports (type-only ones included), dynamic `import()`, `require`. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** The top-level folder of the repository a relative specifier lands in, or undefined for a package. */
function topFolder(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return relative(root, resolve(dirname(file), specifier)).split(/[\\/]/)[0];
}

describe('runtime/ layering', () => {
  const files = tsFiles(join(root, 'runtime'));

  it('finds the runtime sources and their imports', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(importsOf(join(root, 'api/client.ts'))).toContain('../compiler/view-outputs.js'); // the scan sees imports
  });

  it.each(FORBIDDEN)('no file under runtime/ imports from %s/', (folder) => {
    const offenders = files.flatMap((file) => importsOf(file)
      .filter((spec) => topFolder(file, spec) === folder)
      .map((spec) => `${relative(root, file)} → ${spec}`));
    expect(offenders).toEqual([]);
  });
});
