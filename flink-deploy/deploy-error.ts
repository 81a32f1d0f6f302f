/** A deploy-layer error a person can act on: code, what is wrong, what to do. Exit 1 for user errors, 2 for the cluster. */
export class DeployError extends Error {
  constructor(
    readonly code: `FEATC_E71${string}`,
    message: string,
    readonly hint: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'DeployError';
  }

  format(): string {
    return `error ${this.code} ${this.message}\n  hint: ${this.hint}`;
  }
}
