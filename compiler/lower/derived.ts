import type { DerivedNode } from '../../dsl/index.js';
import { at, type DiagnosticBag } from '../diagnostics/index.js';
import { checkNoPlaceholder } from './names.js';
import { constantValue, IrExprNode, IrTypeNode, isNumeric, sameType, type IrExpr, type IrType } from '../ir/index.js';

/** Derived formula (DSL) → IR expression; `ratio` becomes a safe division. */
export function lowerDerivedNode(node: DerivedNode): IrExpr {
  switch (node.kind) {
    case 'feature': return IrExprNode.feature(node.name);
    case 'literal': return IrExprNode.literal(node.value);
    case 'ratio': return IrExprNode.safeDivide(lowerDerivedNode(node.left), lowerDerivedNode(node.right));
    case 'arith': return IrExprNode.arith(node.op, lowerDerivedNode(node.left), lowerDerivedNode(node.right));
    case 'compare': return IrExprNode.compare(node.op, lowerDerivedNode(node.left), lowerDerivedNode(node.right));
    case 'coalesce': return IrExprNode.coalesce(node.items.map(lowerDerivedNode));
  }
}

const ARITH_AND_COMPARE_OPS = { arith: ['+', '-', '*'], compare: ['=', '<>', '<', '<=', '>', '>='] };

/** True when `node` is a derived expression the DSL could have built (untyped input may be anything). */
export function isDerivedNode(node: unknown): node is DerivedNode {
  if (typeof node !== 'object' || node === null) return false;
  const n = node as Record<string, unknown>;
  switch (n['kind']) {
    case 'feature': return typeof n['name'] === 'string';
    case 'literal': return ['number', 'string', 'boolean'].includes(typeof n['value']);
    case 'ratio': return isDerivedNode(n['left']) && isDerivedNode(n['right']);
    case 'arith': case 'compare': return ARITH_AND_COMPARE_OPS[n['kind']].includes(n['op'] as string) && isDerivedNode(n['left']) && isDerivedNode(n['right']);
    case 'coalesce': return Array.isArray(n['items']) && n['items'].length > 0 && n['items'].every(isDerivedNode);
    default: return false;
  }
}

function typeName(type: IrType): string {
  return type.kind === 'scalar' ? type.name : type.kind;
}

/**
 * Types every derived feature, resolving references to aggregates and other derived features.
 * Unknown references (E2301), cycles (E2302) and non-numeric arithmetic (E2304) are reported.
 */
export function typeDerivedFeatures(
  aggregateTypes: ReadonlyMap<string, IrType>,
  derived: ReadonlyMap<string, IrExpr>,
  bag: DiagnosticBag,
  viewPath: string,
  failed: ReadonlySet<string> = new Set(),
): Map<string, IrType> {
  const types = new Map<string, IrType | null>();
  const stack: string[] = [];

  const resolve = (name: string, from: string): IrType | null => {
    const agg = aggregateTypes.get(name);
    if (agg) return agg;
    const expr = derived.get(name);
    if (!expr && failed.has(name)) return null;
    if (!expr) {
      bag.report('FEATC_E2301', at(viewPath, 'derived', from), name);
      return null;
    }
    if (types.has(name)) return types.get(name) ?? null;
    if (stack.includes(name)) {
      const cycle = [...stack.slice(stack.indexOf(name)), name].join(' → ');
      bag.report('FEATC_E2302', at(viewPath, 'derived', name), cycle);
      types.set(name, null);
      return null;
    }
    stack.push(name);
    const type = typeOf(expr, name);
    stack.pop();
    if (!types.has(name)) types.set(name, type);
    return types.get(name) ?? null;
  };

  const numeric = (expr: IrExpr, owner: string): IrType | null => {
    const type = typeOf(expr, owner);
    if (type && !isNumeric(type)) {
      const label = expr.kind === 'feature' ? expr.name : 'expression';
      bag.report('FEATC_E2304', at(viewPath, 'derived', owner), label, typeName(type));
      return null;
    }
    return type;
  };

  const typeOf = (expr: IrExpr, owner: string): IrType | null => {
    switch (expr.kind) {
      case 'feature': return resolve(expr.name, owner);
      case 'literal':
        if (typeof expr.value === 'number' && !Number.isFinite(expr.value)) {
          bag.report('FEATC_E2305', at(viewPath, 'derived', owner), String(expr.value));
          return null;
        }
        if (typeof expr.value === 'string' && !checkNoPlaceholder(expr.value, bag, at(viewPath, 'derived', owner), 'derived literal')) return null;
        return IrTypeNode.scalar(typeof expr.value === 'string' ? 'string' : typeof expr.value === 'boolean' ? 'boolean' : Number.isInteger(expr.value) ? 'bigint' : 'double');
      case 'safe-divide': {
        const l = numeric(expr.left, owner);
        const r = numeric(expr.right, owner);
        // Flink's planner folds NULLIF(0, 0) to a NULL divisor and fails on it (and the value is always NULL).
        if (l && r && constantValue(expr.right, { feature: (name) => derived.get(name), coalesce: true })?.value === 0) {
          bag.report('FEATC_E2307', at(viewPath, 'derived', owner));
          return null;
        }
        return l && r ? IrTypeNode.scalar('double') : null;
      }
      case 'arith': {
        const l = numeric(expr.left, owner);
        const r = numeric(expr.right, owner);
        if (!l || !r) return null;
        const integral = (t: IrType): boolean => t.kind === 'scalar' && (t.name === 'int' || t.name === 'bigint');
        return IrTypeNode.scalar(integral(l) && integral(r) ? 'bigint' : 'double');
      }
      case 'compare': {
        const l = typeOf(expr.left, owner);
        const r = typeOf(expr.right, owner);
        return l && r ? IrTypeNode.scalar('boolean') : null;
      }
      case 'coalesce': {
        // The SQL type of COALESCE is the items' common type: a DOUBLE fallback widens a BIGINT feature.
        const items = expr.items.map((item) => typeOf(item, owner));
        if (!items.every((t): t is IrType => t !== null) || items.length === 0) return null;
        const first = items[0] as IrType;
        if (items.every((t) => sameType(t, first))) return first;
        if (items.every(isNumeric)) {
          return IrTypeNode.scalar(items.some((t) => t.kind === 'scalar' && (t.name === 'double' || t.name === 'float')) ? 'double' : 'bigint');
        }
        bag.report('FEATC_E2306', at(viewPath, 'derived', owner), items.map(typeName).join(', '));
        return null;
      }
      case 'field': case 'in': case 'is-null': case 'and': case 'or': case 'not':
        return IrTypeNode.scalar('boolean');
    }
  };

  const out = new Map<string, IrType>();
  for (const name of derived.keys()) {
    const type = resolve(name, name);
    if (type) out.set(name, type);
  }
  return out;
}
