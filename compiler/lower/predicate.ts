import type { PredicateLiteral, PredicateNode } from '../../dsl/index.js';
import type { DiagnosticBag } from '../diagnostics/index.js';
import { checkNoPlaceholder } from './names.js';
import { IrExprNode, isNumeric, type IrExpr, type IrField, type IrType } from '../ir/index.js';

function literalFits(type: IrType, value: PredicateLiteral): boolean {
  if (isNumeric(type)) return typeof value === 'number' && Number.isFinite(value);
  if (type.kind === 'scalar' && type.name === 'string') return typeof value === 'string';
  if (type.kind === 'scalar' && type.name === 'boolean') return typeof value === 'boolean';
  return false;
}

function typeName(type: IrType): string {
  return type.kind === 'scalar' ? type.name : type.kind;
}

const COMPARE_OPS = new Set(['=', '<>', '<', '<=', '>', '>=']);

/** The node's own shape (children are checked when visited): untyped input may be anything. */
function wellFormed(n: unknown): n is PredicateNode {
  if (typeof n !== 'object' || n === null) return false;
  const node = n as Record<string, unknown>;
  switch (node['kind']) {
    case 'compare': return typeof node['field'] === 'string' && COMPARE_OPS.has(node['op'] as string);
    case 'in': return typeof node['field'] === 'string' && Array.isArray(node['values']);
    case 'is-null': return typeof node['field'] === 'string';
    case 'and': case 'or': return Array.isArray(node['items']);
    case 'not': return true;
    default: return false;
  }
}

/** Lowers a `where` predicate over one source; unknown fields and mistyped literals are reported. */
export function lowerPredicate(
  node: PredicateNode, source: string, fields: readonly IrField[], bag: DiagnosticBag, path: string,
): IrExpr | null {
  const field = (name: string): IrField | null => {
    const found = fields.find((f) => f.name === name);
    if (!found) bag.report('FEATC_E2202', path, name, source);
    return found ?? null;
  };
  const checkLiteral = (f: IrField, value: PredicateLiteral): boolean => {
    if (literalFits(f.type, value)) return typeof value !== 'string' || checkNoPlaceholder(value, bag, path, 'where literal');
    bag.report('FEATC_E2204', path, f.name, JSON.stringify(value), typeName(f.type));
    return false;
  };
  const visit = (n: PredicateNode): IrExpr | null => {
    if (!wellFormed(n)) {
      bag.report('FEATC_E1005', path, 'where', 'a predicate built with the where builder', JSON.stringify(n) ?? String(n));
      return null;
    }
    switch (n.kind) {
      case 'compare': {
        const f = field(n.field);
        if (!f || !checkLiteral(f, n.value)) return null;
        return IrExprNode.compare(n.op, IrExprNode.field(source, f.name), IrExprNode.literal(n.value));
      }
      case 'in': {
        const f = field(n.field);
        if (!f || !n.values.every((v) => checkLiteral(f, v))) return null;
        return IrExprNode.in(IrExprNode.field(source, f.name), [...n.values]);
      }
      case 'is-null': {
        const f = field(n.field);
        return f && IrExprNode.isNull(IrExprNode.field(source, f.name), n.negated);
      }
      case 'and': case 'or': {
        const items = n.items.map(visit);
        if (items.some((i) => i === null)) return null;
        return n.kind === 'and' ? IrExprNode.and(items as IrExpr[]) : IrExprNode.or(items as IrExpr[]);
      }
      case 'not': {
        const item = visit(n.item);
        return item && IrExprNode.not(item);
      }
    }
  };
  return visit(node);
}
