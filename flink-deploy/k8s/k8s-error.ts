/** A `featc k8s` error a person can act on: code, what is wrong, what to do. Always a user error (exit 1). */
export class K8sError extends Error {
  readonly exitCode = 1;

  constructor(readonly code: `FEATC_E72${string}`, message: string, readonly hint: string) {
    super(message);
    this.name = 'K8sError';
  }

  format(): string {
    return `error ${this.code} ${this.message}\n  hint: ${this.hint}`;
  }
}
