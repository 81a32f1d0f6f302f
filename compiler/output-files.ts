import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledFiles, type CompiledJob } from './compile.js';
import { unifiedDiff } from './text-diff.js';

/** Writes `<out>/<job>/{job.sql, job-graph.json, graph.mmd}`; returns the paths written. */
export function writeCompiled(outDir: string, jobs: readonly CompiledJob[]): string[] {
  const written: string[] = [];
  for (const job of jobs) {
    const dir = join(outDir, job.name);
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(compiledFiles(job))) {
      const path = join(dir, name);
      writeFileSync(path, content);
      written.push(path);
    }
  }
  return written;
}

export interface StaleFile {
  readonly path: string;
  readonly diff: string;
}

/** Compares the files on disk with a fresh compilation; missing files count as stale. */
export function checkCompiled(outDir: string, jobs: readonly CompiledJob[]): StaleFile[] {
  const stale: StaleFile[] = [];
  for (const job of jobs) {
    for (const [name, content] of Object.entries(compiledFiles(job))) {
      const path = join(outDir, job.name, name);
      let onDisk: string | null;
      try {
        onDisk = readFileSync(path, 'utf8');
      } catch {
        onDisk = null;
      }
      if (onDisk === content) continue;
      stale.push({ path, diff: onDisk === null ? `missing ${path}` : unifiedDiff(onDisk, content, path) });
    }
  }
  return stale;
}
