/** An error of the local stack a user can act on: a code, what happened, and what to do. */
export class StackError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
    /** 1: the user's environment (missing Java, port taken); 2: infrastructure (download or start failed). */
    readonly exitCode: 1 | 2 = 1,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'StackError';
  }

  format(): string {
    const lines = [`error ${this.code} ${this.message}`];
    for (const d of this.details) lines.push(`  ${d}`);
    lines.push(`  hint: ${this.hint}`);
    return lines.join('\n');
  }
}
