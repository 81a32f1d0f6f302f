/** Knobs of a chaos run; every one has an environment variable so `npm run chaos` and CI can size it. */
export interface ChaosConfig {
  seed: number;
  /** Events produced over `clicks` + `impressions` (FEATC_CHAOS_EVENTS). */
  events: number;
  /** Events per second produced (FEATC_CHAOS_RATE): live traffic during the faults, below the job's throughput. */
  ratePerSecond: number;
  /** Faults injected (FEATC_CHAOS_FAULTS). */
  faults: number;
  users: number;
  /** Event time the run covers, minutes (compressed into the processing time). */
  spanMinutes: number;
  /**
   * `none` (default): the engagement job as checked in (no idle timeout); `keep`: its sources get a 5 s
   * idle timeout, which loses events after a broker restart during a backlog (FEATC_CHAOS_IDLE_TIMEOUT, README › Findings).
   */
  idleTimeout: 'keep' | 'none';
  /** Checkpoint interval of the job under test, seconds. */
  checkpointSeconds: number;
  /** Longest pause between one fault's recovery and the next fault, ms (the pause is seeded-random in [1/4, 1] of it). */
  maxGapMs: number;
  recoveryTimeoutMs: number;
  /** The private stack's directory (FEATC_HOME for it). */
  home: string;
  /** Where the JSON summary goes. */
  resultsDir: string;
  /** Leave the private stack running at the end (debugging). */
  keepStack: boolean;
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v.replaceAll('_', ''));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(v)}`);
  return n;
}

export function chaosConfig(env: NodeJS.ProcessEnv = process.env, defaults: Partial<ChaosConfig> = {}): ChaosConfig {
  return {
    seed: num(env, 'FEATC_CHAOS_SEED', defaults.seed ?? 20_261_121),
    events: num(env, 'FEATC_CHAOS_EVENTS', defaults.events ?? 1_000_000),
    ratePerSecond: num(env, 'FEATC_CHAOS_RATE', defaults.ratePerSecond ?? 4_000),
    faults: num(env, 'FEATC_CHAOS_FAULTS', defaults.faults ?? 20),
    users: num(env, 'FEATC_CHAOS_USERS', defaults.users ?? 1_000),
    spanMinutes: num(env, 'FEATC_CHAOS_SPAN_MINUTES', defaults.spanMinutes ?? 120),
    idleTimeout: (env.FEATC_CHAOS_IDLE_TIMEOUT ?? defaults.idleTimeout ?? 'none') === 'keep' ? 'keep' : 'none',
    checkpointSeconds: num(env, 'FEATC_CHAOS_CHECKPOINT_SECONDS', defaults.checkpointSeconds ?? 1),
    maxGapMs: num(env, 'FEATC_CHAOS_MAX_GAP_MS', defaults.maxGapMs ?? 6_000),
    recoveryTimeoutMs: num(env, 'FEATC_CHAOS_RECOVERY_TIMEOUT_MS', defaults.recoveryTimeoutMs ?? 240_000),
    home: env.FEATC_CHAOS_HOME ?? defaults.home ?? '/tmp/chaos-stack',
    resultsDir: env.FEATC_CHAOS_RESULTS ?? defaults.resultsDir ?? 'bench/results',
    keepStack: env.FEATC_CHAOS_KEEP_STACK === '1',
  };
}
