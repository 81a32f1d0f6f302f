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

const NUMBER = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;
const PUNCT = /^(?:<>|<=|>=|[(),.*=<>+\-/;])/;

function quoted(sql: string, start: number, quote: string): { value: string; end: number } {
  let value = '';
  for (let i = start + 1; i < sql.length; i++) {
    const ch = sql[i] as string;
    if (ch !== quote) { value += ch; continue; }
    if (sql[i + 1] === quote) { value += quote; i++; continue; }
    return { value, end: i + 1 };
  }
  throw new LexError(`unterminated ${quote} quote starting at ${start}: ${sql.slice(start, start + 60)}`);
}

/** Tokens of one statement; throws LexError on anything outside quotes that featc never prints. */
export function lex(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    const rest = sql.slice(i, i + 400);
    if (/\s/.test(ch)) { i++; continue; }
    if (rest.startsWith('--') || rest.startsWith('/*')) throw new LexError(`comment outside quotes at ${i}: ${rest.slice(0, 60)}`);
    if (ch === '`' || ch === "'") {
      const { value, end } = quoted(sql, i, ch);
      tokens.push({ kind: ch === '`' ? 'ident' : 'string', value });
      i = end;
      continue;
    }
    const number = NUMBER.exec(rest)?.[0];
    const word = number === undefined ? WORD.exec(rest)?.[0] : undefined;
    const punct = number === undefined && word === undefined ? PUNCT.exec(rest)?.[0] : undefined;
    const text = number ?? word ?? punct;
    if (text === undefined) throw new LexError(`unexpected ${JSON.stringify(ch)} outside quotes at ${i}: ${rest.slice(0, 60)}`);
    tokens.push({ kind: number !== undefined ? 'number' : word !== undefined ? 'word' : 'punct', value: text });
    i += text.length;
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
