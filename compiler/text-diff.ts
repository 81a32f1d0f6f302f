/** A small line diff (LCS) for `featc compile --check`: unified-style hunks with 2 lines of context. */
export function unifiedDiff(expected: string, actual: string, label: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: { tag: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) { ops.push({ tag: ' ', line: a[i]! }); i++; j++; }
    else if (i < a.length && (j >= b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) { ops.push({ tag: '-', line: a[i]! }); i++; }
    else { ops.push({ tag: '+', line: b[j]! }); j++; }
  }
  const keep = new Set<number>();
  ops.forEach((op, index) => {
    if (op.tag !== ' ') for (let k = Math.max(0, index - 2); k <= Math.min(ops.length - 1, index + 2); k++) keep.add(k);
  });
  const out = [`--- ${label} (on disk)`, `+++ ${label} (compiled now)`];
  let last = -1;
  ops.forEach((op, index) => {
    if (!keep.has(index)) return;
    if (index !== last + 1) out.push('@@');
    out.push(`${op.tag}${op.line}`);
    last = index;
  });
  return out.join('\n');
}
