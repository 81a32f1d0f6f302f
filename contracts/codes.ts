import { defineCodes } from '../common/error-codes.js';

/** FEATC_E6001, FEATC_E6006: job-graph.json (the contract between the compiler and its readers) is unusable. */
export const contractCodes = defineCodes({
  FEATC_E6001: { kind: 'user', summary: 'the job graph is missing, unreadable or does not match the job-graph contract', hint: 'recompile with `featc compile`; the shape is in docs/CONTRACTS.md' },
  FEATC_E6006: { kind: 'user', summary: 'the job graph has another schemaVersion than the one this featc reads', hint: 'compile the definitions with the featc version that reads the graph (`featc --version`), or run the reader of the compiling version' },
});

export type ContractCode = keyof typeof contractCodes;

declare module '../common/error-codes.js' {
  interface FeatcCodeRegistry { contracts: typeof contractCodes }
}
