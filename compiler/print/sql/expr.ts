import { assertNever, constantValue, type IrExpr, type IrLiteralValue } from '../../ir/index.js';
import { num, str } from './quote.js';

/** How names resolve where an expression is printed. */
export interface ExprScope {
  /** A source field, as a column of the operator's input. */
  field(source: string, field: string): string;
  /** A feature of the view, as a column or inlined formula. */
  feature(name: string): string;
}

export function literal(value: IrLiteralValue): string {
  switch (typeof value) {
    case 'string': return str(value);
    case 'number': return num(value);
    case 'boolean': return value ? 'TRUE' : 'FALSE';
  }
}

/**
 * Prints an expression; compound expressions are parenthesised so they nest safely. Arithmetic over
 * constants only is folded: Flink's planner can fail on it next to an OVER aggregate
 * (`((CAST(-1 AS DOUBLE) / NULLIF(1, 0)) * 1)` → ClassCastException RexCall → RexLiteral).
 */
export function printExpr(expr: IrExpr, scope: ExprScope): string {
  const p = (e: IrExpr): string => printExpr(e, scope);
  const folded = expr.kind === 'arith' || expr.kind === 'safe-divide' ? constantValue(expr) : null;
  if (folded) return folded.double ? `CAST(${Number.isSafeInteger(folded.value) || !Number.isInteger(folded.value) ? String(folded.value) : folded.value.toExponential()} AS DOUBLE)` : num(folded.value);
  switch (expr.kind) {
    case 'field': return scope.field(expr.source, expr.field);
    case 'feature': return scope.feature(expr.name);
    case 'literal': return literal(expr.value);
    case 'compare': return `${p(expr.left)} ${expr.op} ${p(expr.right)}`;
    // `w.in(f, [])`, `w.and()` and `w.or()` are legal DSL; SQL has no empty IN list or empty AND/OR.
    case 'in': return expr.values.length === 0 ? 'FALSE' : `${p(expr.item)} IN (${expr.values.map(literal).join(', ')})`;
    case 'is-null': return `${p(expr.item)} IS ${expr.negated ? 'NOT ' : ''}NULL`;
    case 'and': case 'or':
      if (expr.items.length === 0) return expr.kind === 'and' ? 'TRUE' : 'FALSE';
      return `(${expr.items.map(p).join(` ${expr.kind.toUpperCase()} `)})`;
    case 'not': return `NOT (${p(expr.item)})`;
    case 'arith': return `(${p(expr.left)} ${expr.op} ${p(expr.right)})`;
    case 'safe-divide': return `(CAST(${p(expr.left)} AS DOUBLE) / NULLIF(${p(expr.right)}, 0))`;
    case 'coalesce': return `COALESCE(${expr.items.map(p).join(', ')})`;
    default: return assertNever(expr);
  }
}
