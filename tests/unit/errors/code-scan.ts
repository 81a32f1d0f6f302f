import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { registries, ROOT } from '../../../scripts/errors-doc.js';

/** The folders whose sources may throw coded errors. */
export const SOURCE_FOLDERS = ['cli', 'common', 'config', 'contracts', 'flink-deploy', 'runtime', 'testing', 'api', 'compiler', 'dsl'];

export const CODE = /FEATC_[EW]\d{4}/g;

/** Files under `dir` (relative to the repository, `/`-separated), skipping node_modules and what `skip` says. */
export function filesUnder(dir: string, keep: (rel: string) => boolean, skip: (rel: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, e.name);
      const rel = relative(ROOT, path).split(sep).join('/');
      if (e.name === 'node_modules' || skip(rel)) continue;
      if (e.isDirectory()) walk(path);
      else if (keep(rel)) out.push(rel);
    }
  };
  walk(join(ROOT, dir));
  return out.sort();
}

export const sourceFiles = (): string[] => SOURCE_FOLDERS.flatMap((d) => filesUnder(d, (rel) => rel.endsWith('.ts')));

export const read = (rel: string): string => readFileSync(join(ROOT, rel), 'utf8');

/** Code → the registry file that holds it (a code in two registries is listed by {@link duplicates}). */
export function registeredCodes(): Map<string, string> {
  return new Map(registries.flatMap((r) => r.entries.map((e) => [e.code, r.file] as const)));
}

export function duplicates(): string[] {
  const seen = new Map<string, string>();
  const dup: string[] = [];
  for (const r of registries) {
    for (const e of r.entries) {
      const other = seen.get(e.code);
      if (other !== undefined) dup.push(`${e.code} in ${other} and ${r.file}`);
      seen.set(e.code, r.file);
    }
  }
  return dup;
}

/** A code in a string, template or regular-expression literal of a source file; `mapKey` when it is the value of `key: 'FEATC_…'` in an object literal. */
export interface CodeLiteral { code: string; file: string; mapKey?: string }

export function codeLiterals(file: string): CodeLiteral[] {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.ES2022, true);
  const found: CodeLiteral[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const parent = node.parent;
      const mapKey = ts.isPropertyAssignment(parent) && parent.initializer === node && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
      for (const code of node.text.match(CODE) ?? []) found.push({ code, file, ...(mapKey === undefined ? {} : { mapKey }) });
    } else if (ts.isRegularExpressionLiteral(node)) {
      for (const code of node.text.match(CODE) ?? []) found.push({ code, file });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
