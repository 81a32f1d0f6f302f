import { defineCodes } from '../../common/error-codes.js';
import type { catalogue } from './catalogue.js';

/**
 * The compiler's codes besides its diagnostics: every diagnostic (E1xxx, E2xxx) is in the catalogue
 * (catalogue.ts), which renders its message from the offending values.
 */
export const compilerCodes = defineCodes({
  FEATC_E1000: { kind: 'user', summary: 'the definitions have errors, but no diagnostic was recorded', hint: 'run `featc compile` on the definitions to list their errors' },
});

export type CompilerCode = keyof typeof compilerCodes;

declare module '../../common/error-codes.js' {
  interface FeatcCodeRegistry { compiler: typeof compilerCodes; diagnostics: typeof catalogue }
}
