import { defineCodes } from '../../common/error-codes.js';

/**
 * FEATC_E0xxx: the CLI, its config and the machine it runs on, thrown as plain FeatcErrors from cli/,
 * config/ and common/. E00xx unexpected errors, E01xx missing programs, E02xx featc.config and
 * targets, E03xx `featc init`, E04xx flags and confirmations.
 */
export const cliCodes = defineCodes({
  FEATC_E0001: { kind: 'internal', summary: 'unexpected error: an error without a code reached the CLI', hint: 'likely a featc bug: run again with FEATC_DEBUG=1 for the stack trace and report it' },
  FEATC_E0101: { kind: 'user', summary: 'the Kafka client (@confluentinc/kafka-javascript) is not installed, or its native addon is not built', hint: 'npm install @confluentinc/kafka-javascript (see the hint printed with the error for the build command)' },
  FEATC_E0201: { kind: 'user', summary: 'the config file given with --config does not exist', hint: 'create it with `featc init`, or drop --config to use the nearest featc.config.ts' },
  FEATC_E0202: { kind: 'user', summary: 'the config file cannot be read or loaded', hint: 'it must export default defineConfig({ ... }) (or hold a JSON object)' },
  FEATC_E0203: { kind: 'user', summary: 'a setting of the config file is invalid', hint: 'fix the setting named under `at`; the hint printed with the error names the accepted values' },
  FEATC_E0204: { kind: 'user', summary: 'no target of that name in the config file', hint: 'add it under targets in featc.config.ts (featc init writes one)' },
  FEATC_E0205: { kind: 'user', summary: 'the target reads a setting from an environment variable that is not set', hint: 'export the variable before running featc' },
  FEATC_E0301: { kind: 'user', summary: '`featc init` would overwrite existing files', hint: 'run it in an empty folder (featc init my-features), or pass --force to overwrite' },
  FEATC_E0401: { kind: 'user', summary: 'a change needs confirmation, but there is no terminal to confirm on and --yes was not given', hint: 'review the plan (`featc plan`), then pass --yes (or --auto-approve) to apply it unattended' },
  FEATC_E0402: { kind: 'user', summary: '--follow-interval is not a positive number of seconds', hint: 'e.g. --follow-interval 10' },
  FEATC_E0403: { kind: 'user', summary: 'two ways of naming the same input were given together (e.g. --graph and definition paths)', hint: 'pass one of them' },
});

export type CliCode = keyof typeof cliCodes;

declare module '../../common/error-codes.js' {
  interface FeatcCodeRegistry { cli: typeof cliCodes }
}
