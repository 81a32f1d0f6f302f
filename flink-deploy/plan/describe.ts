import type { IrAggregation, IrExpr, IrWindow } from '../../compiler/ir/index.js';
import { describeWindow } from '../../compiler/lower/window.js';
import { formatDuration } from '../../compiler/durations.js';

/** `tumbling 5m`, `hopping 10m every 1m`, `lifetime`: how a person names a window (the compiler's description). */
export const windowText: (w: IrWindow) => string = describeWindow;

/** The history a window needs to be complete again after a state reset; undefined = all of it. */
export function windowLookbackMs(w: IrWindow): number | undefined {
  switch (w.kind) {
    case 'tumbling': case 'hopping': return w.sizeMs;
    case 'sliding': return w.rangeMs;
    case 'session': case 'lifetime': return undefined;
  }
}

/** `amount > 0 and country = 'DE'`: a predicate or formula as a person writes it. */
export function exprText(e: IrExpr): string {
  switch (e.kind) {
    case 'field': return e.field;
    case 'feature': return e.name;
    case 'literal': return typeof e.value === 'string' ? `'${e.value}'` : String(e.value);
    case 'compare': return `${exprText(e.left)} ${e.op} ${exprText(e.right)}`;
    case 'in': return `${exprText(e.item)} in (${e.values.map((v) => exprText({ kind: 'literal', value: v })).join(', ')})`;
    case 'is-null': return `${exprText(e.item)} is ${e.negated ? 'not ' : ''}null`;
    case 'and': case 'or': return `(${e.items.map(exprText).join(` ${e.kind} `)})`;
    case 'not': return `not ${exprText(e.item)}`;
    case 'arith': return `(${exprText(e.left)} ${e.op} ${exprText(e.right)})`;
    case 'safe-divide': return `(${exprText(e.left)} / ${exprText(e.right)})`;
    case 'coalesce': return `coalesce(${e.items.map(exprText).join(', ')})`;
  }
}

/** `count`, `sum(amount) where amount > 0`: an aggregation in plain words. */
export function aggregationText(a: IrAggregation): string {
  const base = a.kind === 'count' ? 'count' : a.kind === 'last-n' ? `last ${a.n} of ${a.field}` : `${a.kind}(${a.field})`;
  return a.where ? `${base} where ${exprText(a.where)}` : base;
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `5m`, `1m30s`: a duration as featc prints it everywhere. */
export const durationText: (ms: number) => string = formatDuration;
