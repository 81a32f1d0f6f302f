import ts from 'typescript';
import { registries } from '../../../scripts/errors-doc.js';
import { CODE, codeLiterals, duplicates, read, registeredCodes, sourceFiles } from './code-scan.js';

// Every code featc prints is in exactly one registry (common/error-codes.ts), and every registry entry
// is thrown (or printed) somewhere: docs/ERRORS.md lists exactly the codes users can meet.
describe('error-code registries', () => {
  const files = sourceFiles();
  const registered = registeredCodes();
  const registryFiles = new Set(registries.map((r) => r.file));

  it('scans the sources and every registry', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(registered.size).toBeGreaterThan(150);
    for (const r of registries) expect(files).toContain(r.file);
  });

  it('holds each code once', () => {
    expect(duplicates()).toEqual([]);
  });

  it('registers every code the sources name (comments included)', () => {
    const unregistered = files.flatMap((f) => [...new Set(read(f).match(CODE) ?? [])].filter((c) => !registered.has(c)).map((c) => `${c} (${f})`));
    if (unregistered.length > 0) {
      throw new Error(`codes in no registry: ${unregistered.join(', ')}: add them to the registry of their area (see common/error-codes.ts), then run \`npm run docs:errors\``);
    }
  });

  it('has no dead entries: each code is used in a string outside its registry', () => {
    const text = files.filter((f) => !registryFiles.has(f)).map(read).join('\n');
    const used = new Set(
      files.filter((f) => !registryFiles.has(f)).flatMap(codeLiterals)
        // `fenced: 'FEATC_E6104'` in a map of names counts once the name is used (`ErrorCodes.fenced`).
        .filter((l) => l.mapKey === undefined || new RegExp(`\\.${l.mapKey}\\b`).test(text))
        .map((l) => l.code),
    );
    const dead = [...registered].filter(([code]) => !used.has(code)).map(([code, file]) => `${code} (${file})`);
    if (dead.length > 0) throw new Error(`registered codes nothing throws or prints: ${dead.join(', ')}: remove them from their registry, then run \`npm run docs:errors\``);
  });

  it('keeps common/ free of imports from other areas', () => {
    const outside = files.filter((f) => f.startsWith('common/'))
      .flatMap((f) => ts.preProcessFile(read(f), true, true).importedFiles.map((i) => i.fileName).filter((s) => s.startsWith('..')).map((s) => `${f} → ${s}`));
    expect(outside).toEqual([]);
  });
});
