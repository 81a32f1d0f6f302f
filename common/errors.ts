/**
 * A coded error a person can act on, printed by the CLI as
 *
 *   error FEATC_E0101 the Kafka client (@confluentinc/kafka-javascript) is not installed
 *     at featc status
 *     hint: npm install @confluentinc/kafka-javascript
 *
 * `exitCode` 1 is the user's to fix (definitions, flags, config, environment), 2 infrastructure or internal.
 */
export class FeatcError extends Error {
  readonly code: `FEATC_${string}`;
  readonly hint: string | undefined;
  readonly where: string | undefined;
  readonly exitCode: 1 | 2;

  constructor(code: `FEATC_${string}`, message: string, opts: { hint?: string; where?: string; exitCode?: 1 | 2; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'FeatcError';
    this.code = code;
    this.hint = opts.hint;
    this.where = opts.where;
    this.exitCode = opts.exitCode ?? 1;
  }

  format(): string {
    const lines = [`error ${this.code} ${this.message}`];
    if (this.where !== undefined) lines.push(`  at ${this.where}`);
    if (this.hint !== undefined) lines.push(`  hint: ${this.hint}`);
    return lines.join('\n');
  }
}
