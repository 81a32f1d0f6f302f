/**
 * A lexer for the Flink SQL featc prints, following Flink's own rules (Lex.JAVA): identifiers in
 * backticks with `` `` `` for a backtick, string literals in single quotes with `''` for a quote.
 * It reads the SQL back the way the planner will, so a name that ends its quotes early shows up.
 */
export type Token =
  | { readonly kind: 'ident'; readonly value: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'word'; readonly value: string }
  | { readonly kind: 'number'; readonly value: string }
  | { readonly kind: 'punct'; readonly value: string };

export class LexError extends Error {}

const RULES: readonly [Token['kind'] | 'space', RegExp][] = [
  ['space', /\s+/y],
  ['number', /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y],
  ['word', /[A-Za-z_][A-Za-z0-9_]*/y],
  ['punct', /<>|<=|>=|[(),.*=<>+\-/;[\]]/y], // [ ] : array element access (REGEXP_EXTRACT_ALL(…)[1])
];

function quoted(sql: string, start: number, quote: string): { value: string; end: number } {
  let value = '';
  let from = start + 1;
  for (;;) {
    const at = sql.indexOf(quote, from);
    if (at < 0) throw new LexError(`unterminated ${quote} quote starting at ${start}: ${sql.slice(start, start + 60)}`);
    value += sql.slice(from, at);
    if (sql[at + 1] !== quote) return { value, end: at + 1 };
    value += quote;
    from = at + 2;
  }
}

/** Tokens of one statement; throws LexError on anything outside quotes that featc never prints. */
export function lex(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  outer: while (i < sql.length) {
    const ch = sql[i] as string;
    if (ch === '`' || ch === "'") {
      const { value, end } = quoted(sql, i, ch);
      tokens.push({ kind: ch === '`' ? 'ident' : 'string', value });
      i = end;
      continue;
    }
    if (sql.startsWith('--', i) || sql.startsWith('/*', i)) throw new LexError(`comment outside quotes at ${i}: ${sql.slice(i, i + 60)}`);
    for (const [kind, rule] of RULES) {
      rule.lastIndex = i;
      const match = rule.exec(sql);
      if (!match) continue;
      if (kind !== 'space') tokens.push({ kind, value: match[0] });
      i += match[0].length;
      continue outer;
    }
    throw new LexError(`unexpected ${JSON.stringify(ch)} outside quotes at ${i}: ${sql.slice(i, i + 60)}`);
  }
  return tokens;
}

/** Parentheses nest properly; angle brackets of `ARRAY<…>`/`ROW<…>` are not checked (they double as operators). */
export function parensBalanced(tokens: readonly Token[]): boolean {
  let depth = 0;
  for (const t of tokens) {
    if (t.kind !== 'punct') continue;
    if (t.value === '(') depth++;
    if (t.value === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
