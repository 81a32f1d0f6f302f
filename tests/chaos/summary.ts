import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChaosConfig } from './config.js';
import { FAULT_KINDS, type FaultKind, type FaultRecord } from './faults.js';
import type { RedisCheck, ViewCheck } from './verify.js';

export interface ChaosSummary {
  startedAt: string;
  config: Omit<ChaosConfig, 'home' | 'resultsDir' | 'keepStack'>;
  events: { produced: number; byTopic: Record<string, number>; closing: number; produceSeconds: number };
  faults: FaultRecord[];
  faultsByKind: Record<FaultKind, number>;
  recoverySecondsByKind: Record<FaultKind, { min: number; median: number; max: number } | null>;
  kafka: ViewCheck[];
  redis: RedisCheck[];
  deadLetters: Record<string, number>;
  flinkRestarts: number | null;
  sinkUnexpectedExits: string[];
  mismatches: number;
  seconds: { stackUp: number; deploy: number; faultPhase: number; drain: number; verify: number; total: number };
  /** Input events per second from the job's start until the outputs were complete, faults included. */
  eventsPerSecondWithFaults: number;
}

/** Every count that must be zero, summed: missing, unexpected, duplicate and wrong Kafka records, wrong Redis entities, dead letters. */
export function mismatchCount(kafka: ViewCheck[], redis: RedisCheck[], deadLetters: Record<string, number>): number {
  return kafka.reduce((n, c) => n + c.missing + c.unexpected + c.duplicates + c.wrongValues, 0)
    + redis.reduce((n, c) => n + c.mismatches, 0)
    + Object.values(deadLetters).reduce((a, b) => a + b, 0);
}

export function recoveryStats(faults: FaultRecord[]): ChaosSummary['recoverySecondsByKind'] {
  const out = {} as ChaosSummary['recoverySecondsByKind'];
  for (const kind of FAULT_KINDS) {
    const s = faults.filter((f) => f.kind === kind).map((f) => f.recoveryMs / 1000).sort((a, b) => a - b);
    out[kind] = s.length === 0 ? null : { min: round(s[0] ?? 0), median: round(s[Math.floor(s.length / 2)] ?? 0), max: round(s[s.length - 1] ?? 0) };
  }
  return out;
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function formatSummary(s: ChaosSummary): string {
  const lines = [
    `chaos run ${s.startedAt} · seed ${s.config.seed}`,
    `events: ${s.events.produced.toLocaleString('en-US')} (${Object.entries(s.events.byTopic).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ')}) + ${s.events.closing} closing events, produced in ${s.events.produceSeconds} s`,
    `faults: ${s.faults.length} — ${Object.entries(s.faultsByKind).map(([k, n]) => `${k} ${n}`).join(', ')}`,
  ];
  for (const f of s.faults) {
    lines.push(`  #${String(f.n).padStart(2)} ${f.atS.toFixed(1).padStart(6)} s ${f.kind.padEnd(16)} ${f.signal.padEnd(7)} after ${f.producedAt.toLocaleString('en-US').padStart(9)} events · restart ${(f.restartMs / 1000).toFixed(1)} s`
      + `${f.runningMs === undefined ? '' : ` · RUNNING ${(f.runningMs / 1000).toFixed(1)} s`} · recovered ${(f.recoveryMs / 1000).toFixed(1)} s`);
  }
  lines.push('recovery (s, min/median/max): ' + Object.entries(s.recoverySecondsByKind).filter(([, v]) => v).map(([k, v]) => `${k} ${v?.min}/${v?.median}/${v?.max}`).join(' · '));
  for (const c of s.kafka) {
    lines.push(`kafka ${c.view}: ${c.records.toLocaleString('en-US')} records, expected ${c.expected.toLocaleString('en-US')} · missing ${c.missing} · unexpected ${c.unexpected} · duplicates ${c.duplicates} · wrong values ${c.wrongValues}`);
    for (const e of c.examples) lines.push(`    ${e}`);
  }
  for (const c of s.redis) {
    lines.push(`redis ${c.view}: ${c.entities.toLocaleString('en-US')} entities via the feature client · mismatches ${c.mismatches}`);
    for (const e of c.examples) lines.push(`    ${e}`);
  }
  lines.push(`dead letters: ${Object.entries(s.deadLetters).map(([t, n]) => `${t} ${n}`).join(', ') || 'no dead-letter topics'}`);
  lines.push(`flink restarts (numRestarts of the job after its last JobManager recovery): ${s.flinkRestarts ?? 'n/a'} · unexpected sink exits: ${s.sinkUnexpectedExits.length}`);
  lines.push(`time: stack up ${s.seconds.stackUp} s · deploy ${s.seconds.deploy} s · faults ${s.seconds.faultPhase} s · drain ${s.seconds.drain} s · verify ${s.seconds.verify} s · total ${s.seconds.total} s · ${Math.round(s.eventsPerSecondWithFaults).toLocaleString('en-US')} events/s with faults`);
  lines.push(`MISMATCHES: ${s.mismatches}`);
  return lines.join('\n');
}

/** Writes the summary as JSON next to the benchmark results; returns the file. */
export function writeSummary(s: ChaosSummary, dir: string): string {
  const d = resolve(dir);
  mkdirSync(d, { recursive: true });
  const file = join(d, `chaos-${s.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(s, null, 2) + '\n');
  return file;
}
