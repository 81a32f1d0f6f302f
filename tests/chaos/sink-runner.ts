import { Redis } from 'ioredis';
import { sinkKeys } from '../../runtime/redis-sink/key-layout.js';
import { SinkProcess } from '../integration/redis-sink/helpers/sink-process.js';

/**
 * The Redis sink as an operator runs it (`featc sink redis`, its own process) plus what the suite
 * needs around it: SIGKILL and restart, the offsets it stored in Redis, and whether it caught up.
 */
export class SinkRunner {
  private current: SinkProcess | undefined;
  /** Exits the suite did not cause (a sink that stops by itself is a finding). */
  unexpectedExits: string[] = [];
  private readonly redis: Redis;
  private readonly stoppedOnPurpose = new WeakSet<SinkProcess>();

  constructor(private readonly opts: { graph: string; kafka: string; redis: string; prefix: string; topics: string[] }) {
    this.redis = new Redis(opts.redis, { maxRetriesPerRequest: 1, retryStrategy: () => 200, lazyConnect: true });
    this.redis.on('error', () => undefined);
  }

  /** The job-graph.json whose Redis outputs the sink serves (known once the job is compiled and deployed). */
  setGraph(file: string): void {
    this.opts.graph = file;
  }

  async start(): Promise<number> {
    const sink = new SinkProcess({ graph: this.opts.graph, kafka: this.opts.kafka, redis: this.opts.redis, prefix: this.opts.prefix });
    this.current = sink;
    void sink.exited.then((exit) => {
      if (!this.stoppedOnPurpose.has(sink)) this.unexpectedExits.push(`${JSON.stringify(exit)}: ${sink.stderr.split('\n').slice(-4).join(' | ')}`);
    });
    await sink.started(60_000);
    return sink.pid;
  }

  /** SIGKILL of the running sink; returns its pid. */
  async kill(): Promise<number> {
    const sink = this.current;
    if (!sink) throw new Error('no sink running');
    this.stoppedOnPurpose.add(sink);
    await sink.kill('SIGKILL');
    return sink.pid;
  }

  /** Restarts the sink if it exited by itself (after a finding was recorded). */
  async ensureRunning(): Promise<void> {
    if (!this.current?.running) await this.start();
  }

  get stderr(): string {
    return this.current?.stderr ?? '';
  }

  /** `topic/partition` → last offset the sink applied, as stored in Redis (absent: none yet). */
  async storedOffsets(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const keys = sinkKeys(this.opts.prefix);
    for (const topic of this.opts.topics) {
      const hash = await this.redis.hgetall(keys.topicState(topic));
      for (const [field, value] of Object.entries(hash)) {
        if (field.startsWith('offset:')) out.set(`${topic}/${field.slice('offset:'.length)}`, Number(value));
      }
    }
    return out;
  }

  /** Waits until the sink has applied every offset in `target` (e.g. what was committed when a fault hit). */
  async waitCaughtUp(target: Map<string, number>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let behind = [...target.keys()];
    while (Date.now() < deadline) {
      try {
        const stored = await this.storedOffsets();
        behind = [...target].filter(([tp, offset]) => (stored.get(tp) ?? -1) < offset).map(([tp]) => tp);
        if (behind.length === 0) return;
      } catch {
        /* Redis restarting */
      }
      if (this.current && !this.current.running && !this.stoppedOnPurpose.has(this.current)) await this.ensureRunning();
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the Redis sink did not catch up within ${timeoutMs / 1000} s (behind on ${behind.join(', ')})\nsink stderr:\n${this.stderr.slice(-2000)}`);
  }

  async stop(): Promise<void> {
    const sink = this.current;
    if (sink?.running) {
      this.stoppedOnPurpose.add(sink);
      await sink.kill('SIGTERM');
    }
    this.redis.disconnect();
  }
}
