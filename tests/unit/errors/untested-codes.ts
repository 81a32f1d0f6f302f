/**
 * Registered codes no test mentions yet (checked by tested-codes.test.ts). The list only shrinks: a
 * test that mentions one of these takes it off the list, and a new code comes with a test.
 * Both are fallbacks no known path produces: FEATC_E1000, a definition rejected without a
 * diagnostic (the last such path, a step without a source, is FEATC_E1005 now; the compiler fuzz
 * checks every rejection carries one), and FEATC_E7100, deploy's error without a code (the last,
 * Kafka refusing to create a topic, is FEATC_E7165 now). A test that finds one should give that
 * path its own code.
 */
export const UNTESTED_CODES: readonly string[] = [
  'FEATC_E1000', 'FEATC_E7100',
];
