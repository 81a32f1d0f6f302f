import { CODE, codeLiterals, filesUnder, read, registeredCodes } from './code-scan.js';
import { UNTESTED_CODES } from './untested-codes.js';

// Every registered code is named by some test (in a literal of tests/**, besides this folder and the golden expected
// files), except the ones on the allow-list in untested-codes.ts, which only shrinks.
describe('tested error codes', () => {
  const registered = registeredCodes();
  const testFiles = filesUnder('tests', () => true, (rel) => rel === 'tests/unit/errors' || /(^|\/)expected$/.test(rel));
  // In a TypeScript test, only a string or template literal counts (an assertion, an expected output, a title), not a comment.
  const mentioned = new Set(testFiles.flatMap((f) => (f.endsWith('.ts') ? codeLiterals(f).map((l) => l.code) : read(f).match(CODE) ?? [])));

  it('scans the tests', () => {
    expect(testFiles.length).toBeGreaterThan(50);
    expect(testFiles.some((f) => f.startsWith('tests/unit/errors/'))).toBe(false);
  });

  it('lists on the allow-list only registered codes, once each', () => {
    expect(UNTESTED_CODES.filter((c) => !registered.has(c))).toEqual([]);
    expect(UNTESTED_CODES.filter((c, i) => UNTESTED_CODES.indexOf(c) !== i)).toEqual([]);
  });

  it('finds every registered code in a test, unless it is on the allow-list', () => {
    const untested = [...registered.keys()].filter((c) => !mentioned.has(c) && !UNTESTED_CODES.includes(c)).sort();
    if (untested.length > 0) throw new Error(`no test mentions ${untested.join(', ')}: add a test that throws it and checks the code`);
  });

  it('allows no code a test mentions (take it off tests/unit/errors/untested-codes.ts)', () => {
    const tested = UNTESTED_CODES.filter((c) => mentioned.has(c));
    if (tested.length > 0) throw new Error(`tests mention ${tested.join(', ')}: remove them from tests/unit/errors/untested-codes.ts`);
  });
});
