import { spawn } from 'node:child_process';
import { request } from 'undici';
import type { ModelServerStats } from '../runtime/model-server/index.js';

export interface ModelServerProcess {
  url: string;
  baseUrl: string;
  stats(): Promise<ModelServerStats>;
  stop(): Promise<void>;
}

/**
 * Runs `featc model-server` in its own process, so the upstream's CPU work (JSON of big embedding
 * answers) does not compete with the gateway and the load generator for one event loop.
 */
export async function spawnModelServer(args: { latencyMs: number; embeddingDim?: number }): Promise<ModelServerProcess> {
  const child = spawn(process.execPath, ['bin/featc.js', 'model-server', '--port', '0', '--latency-ms', String(args.latencyMs), '--embedding-dim', String(args.embeddingDim ?? 64)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`model-server did not start: ${text}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /OpenAI base URL (\S+)/.exec(text);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`model-server exited with ${code}: ${text}`)));
  });
  const url = baseUrl.replace(/\/v1$/, '');
  return {
    url,
    baseUrl,
    stats: async () => (await (await request(`${url}/stats`)).body.json()) as ModelServerStats,
    stop: async () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
      await exited;
    },
  };
}
