import fc from 'fast-check';
import { ident, interval, str, configDuration } from '../../../compiler/print/sql/quote.js';

/** Reads one quoted token back the way Flink's lexer does: doubled quote = one quote, single quote = end. */
function unquote(text: string, quote: string): { value: string; rest: string } {
  expect(text.startsWith(quote)).toBe(true);
  let value = '';
  for (let i = 1; i < text.length; i++) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) { value += quote; i++; continue; }
      return { value, rest: text.slice(i + 1) };
    }
    value += text[i];
  }
  throw new Error('unterminated');
}

describe('quoting', () => {
  test('identifiers round-trip and never end early', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (name) => {
      expect(unquote(ident(name), '`')).toEqual({ value: name, rest: '' });
    }));
  });

  test('string literals round-trip and never end early', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (value) => {
      expect(unquote(str(value), "'")).toEqual({ value, rest: '' });
    }));
  });

  test('hostile names', () => {
    expect(ident("o'brien")).toBe("`o'brien`");
    expect(ident('x`; DROP TABLE y; --')).toBe('`x``; DROP TABLE y; --`');
    expect(str("o'brien")).toBe("'o''brien'");
  });

  test('intervals pick the largest exact unit and spell out precision', () => {
    expect(interval(2000)).toBe("INTERVAL '2' SECOND");
    expect(interval(600_000)).toBe("INTERVAL '10' MINUTE");
    expect(interval(90_000)).toBe("INTERVAL '90' SECOND");
    expect(interval(7_200_000)).toBe("INTERVAL '2' HOUR");
    expect(interval(120 * 60_000)).toBe("INTERVAL '2' HOUR");
    expect(interval(150 * 60_000)).toBe("INTERVAL '150' MINUTE(3)");
    expect(interval(500)).toBe("INTERVAL '0.500' SECOND");
    expect(configDuration(10_000)).toBe('10 s');
    expect(configDuration(90 * 60_000)).toBe('90 min');
  });
});
