import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';

export interface ChildService {
  name: string;
  pid: number;
  url: string;
  log: string;
  stop(): Promise<void>;
}

/** Starts `featc <args>` as its own process (output to a log file) and waits for `healthUrl` to answer 200. */
export async function startFeatcProcess(name: string, args: string[], healthUrl: string, logDir: string, env: NodeJS.ProcessEnv = process.env): Promise<ChildService> {
  const log = join(logDir, `${name}.log`);
  const fd = openSync(log, 'a');
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, ['bin/featc.js', ...args], { stdio: ['ignore', fd, fd], env });
  } finally {
    closeSync(fd);
  }
  const pid = child.pid ?? 0;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see ${log}`);
    try {
      const res = await request(healthUrl, { headersTimeout: 1000, bodyTimeout: 1000 });
      await res.body.text();
      if (res.statusCode === 200) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer ${healthUrl} within 60 s; see ${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name, pid, url: healthUrl.replace(/\/[^/]*$/, ''), log,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
