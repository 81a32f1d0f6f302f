/** Progress lines for long operations: one line per step with its wall time. Silent when `quiet`. */
export class Progress {
  private readonly started = Date.now();
  constructor(private readonly out: (line: string) => void = (l) => process.stderr.write(l + '\n'), private readonly quiet = false) {}

  info(message: string): void {
    if (!this.quiet) this.out(`  ${message}`);
  }

  async step<T>(label: string, work: () => Promise<T>): Promise<T> {
    const t0 = Date.now();
    if (!this.quiet) this.out(`… ${label}`);
    try {
      const result = await work();
      if (!this.quiet) this.out(`✔ ${label} (${seconds(Date.now() - t0)})`);
      return result;
    } catch (err) {
      if (!this.quiet) this.out(`✘ ${label} (${seconds(Date.now() - t0)})`);
      throw err;
    }
  }

  total(label: string): void {
    if (!this.quiet) this.out(`${label} in ${seconds(Date.now() - this.started)}`);
  }
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
