import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface CliResult { code: number | null; stdout: string; stderr: string; ms: number }

const root = resolve('.');

/**
 * Runs `node bin/featc.js …` as a user would, asynchronously (a test's own loopback servers keep
 * answering while it runs). Resolves when the process exits; kills it by pid after `timeoutMs`.
 * `signalOnStderr` sends a signal once stderr shows a text (to interrupt a step under way).
 */
export function runFeatc(args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; signalOnStderr?: { text: string; signal: NodeJS.Signals } } = {}): Promise<CliResult> {
  const t0 = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(root, 'bin/featc.js'), ...args], { cwd: root, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    let signalled = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (opts.signalOnStderr && !signalled && stderr.includes(opts.signalOnStderr.text)) {
        signalled = true;
        child.kill(opts.signalOnStderr.signal);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** Lines of a Node or Java stack trace ("    at …", "\tat …"), which a CLI user must never see. */
export function stackTraceLines(text: string): string[] {
  return text.split('\n').filter((l) => /^(?: {4}|\t)at /.test(l));
}
