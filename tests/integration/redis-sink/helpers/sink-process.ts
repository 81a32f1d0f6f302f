import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** `node bin/featc.js sink redis …` as a child process, the way an operator runs it. */
export class SinkProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr = '';

  /** Without `graph`, the sink follows the deployed jobs (`extraArgs`: --flink, --project). */
  constructor(opts: { graph?: string; kafka: string; redis: string; prefix: string; extraArgs?: string[] }) {
    this.child = spawn(process.execPath, [
      join('bin', 'featc.js'), 'sink', 'redis', ...(opts.graph === undefined ? [] : ['--graph', opts.graph]), '--kafka', opts.kafka, '--redis', opts.redis,
      '--prefix', opts.prefix, '--no-progress', ...(opts.extraArgs ?? []),
    ], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    this.child.stderr?.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.exited = new Promise((res) => this.child.once('exit', (code, signal) => res({ code, signal })));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once the sink has claimed its topics and started reading. */
  async started(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.stderr.includes('redis-sink: ')) {
      if (!this.running) throw new Error(`sink exited before starting: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`sink did not start: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.running) this.child.kill(signal);
    return await this.exited;
  }
}
