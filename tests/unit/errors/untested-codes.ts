/**
 * Registered codes no test mentions yet (checked by tested-codes.test.ts). The list only shrinks: a
 * test that mentions one of these takes it off the list, and a new code comes with a test.
 */
export const UNTESTED_CODES: readonly string[] = [
  'FEATC_E2614', 'FEATC_E6105', 'FEATC_W6106', 'FEATC_W6107',
];
