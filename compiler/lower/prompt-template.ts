import Handlebars from 'handlebars';
import type { DiagnosticBag } from '../diagnostics/index.js';
import type { IrField, IrPromptPart, IrType } from '../ir/index.js';

type Node = hbs.AST.Statement;

function describe(node: Node): [feature: string, text: string] {
  const path = (node as { path?: { original?: unknown } }).path?.original;
  const name = typeof path === 'string' ? path : node.type;
  switch (node.type) {
    case 'BlockStatement': return ['the block', `{{#${name}}}`];
    case 'PartialStatement': case 'PartialBlockStatement': return ['the partial', `{{> ${name}}}`];
    default: return ['the decorator', `{{* ${name}}}`];
  }
}

/** Why a `{{…}}` is not a plain field reference, or null when it is one. */
function unsupportedMustache(node: hbs.AST.MustacheStatement): [feature: string, text: string] | null {
  const target = node.path;
  if (target.type !== 'PathExpression') return ['the literal', `{{${String((target as { original?: unknown }).original ?? target.type)}}}`];
  const p = target as hbs.AST.PathExpression;
  if (node.params.length > 0 || node.hash) return ['the helper call', `{{${p.original} …}}`];
  if (p.data) return ['the data variable', `{{@${p.original}}}`];
  if (p.depth > 0 || p.original.startsWith('..')) return ['the parent reference', `{{${p.original}}}`];
  if (p.parts.length === 0) return ['the context reference', `{{${p.original}}}`];
  return null;
}

/** The field a `{{a.b}}` path names, walking nested rows; null when it does not exist. */
function resolve(fields: readonly IrField[], parts: readonly string[]): IrType | null {
  let scope: readonly IrField[] = fields;
  let type: IrType | null = null;
  for (const part of parts) {
    const field = scope.find((f) => f.name === part);
    if (!field) return null;
    type = field.type;
    scope = type.kind === 'row' ? type.fields : [];
  }
  return type;
}

/**
 * Compiles a Handlebars prompt template to literal text and field references. Anything that needs
 * Handlebars at run time (helpers, blocks, partials, `@data`, `../`) is reported with FEATC_E2602;
 * unknown fields with FEATC_E2603. Whitespace control (`{{~x~}}`) is applied as Handlebars does.
 */
export function compilePromptTemplate(
  template: unknown, fields: readonly IrField[], source: string, bag: DiagnosticBag, path: string,
): IrPromptPart[] | null {
  if (typeof template !== 'string' || template === '') {
    bag.report('FEATC_E2601', path, 'the prompt must be a non-empty string');
    return null;
  }
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(template);
  } catch (err) {
    bag.report('FEATC_E2601', path, (err as Error).message.split('\n').join(' ').replace(/\s+/g, ' ').trim());
    return null;
  }
  const parts: IrPromptPart[] = [];
  let ok = true;
  for (const node of program.body) {
    switch (node.type) {
      case 'ContentStatement': {
        const text = (node as hbs.AST.ContentStatement).value;
        const last = parts[parts.length - 1];
        if (text === '') break;
        if (last?.kind === 'text') parts[parts.length - 1] = { kind: 'text', text: last.text + text };
        else parts.push({ kind: 'text', text });
        break;
      }
      case 'CommentStatement':
        break;
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        const target = mustache.path as hbs.AST.PathExpression;
        const unsupported = unsupportedMustache(mustache);
        if (unsupported) {
          bag.report('FEATC_E2602', path, ...unsupported);
          ok = false;
          break;
        }
        const type = resolve(fields, target.parts);
        if (!type) {
          bag.report('FEATC_E2603', path, target.parts.join('.'), source);
          ok = false;
        } else if (type.kind !== 'scalar') {
          bag.report('FEATC_E2602', path, `the ${type.kind} field`, `{{${target.original}}}`);
          ok = false;
        } else {
          parts.push({ kind: 'field', path: [...target.parts] });
        }
        break;
      }
      default: {
        const [feature, text] = describe(node);
        bag.report('FEATC_E2602', path, feature, text);
        ok = false;
      }
    }
  }
  if (ok && parts.length === 0) {
    bag.report('FEATC_E2601', path, 'the prompt renders to an empty string');
    return null;
  }
  return ok ? parts : null;
}
