import type { AnySource } from '../dsl/index.js';
import type { PhysicalPlan } from '../compiler/index.js';
import type { JobProbe } from './job-probe.js';
import type { FixtureEvent } from './fixtures.js';
import type { TestKafka } from './kafka.js';
import type { StepFedTime } from './step-chain.js';

/**
 * Drives event time: produces fixture segments and waits, between them, until every window/OVER
 * operator's input watermark has reached what the events produced so far imply.
 */
export class EventTimeDriver {
  /** Max event time produced per source. */
  private readonly produced = new Map<string, number>();
  private upstream = new Map<string, Set<string>>();
  /** Time spent waiting for watermarks, for the report. */
  waitedMs = 0;

  constructor(
    private readonly kafka: TestKafka,
    private readonly sources: ReadonlyMap<string, AnySource>,
    private readonly sourceTopics: ReadonlyMap<string, string>,
    private readonly plan: PhysicalPlan,
    /** Sources the job's own steps write, and the fixture-fed source their event time follows. */
    private readonly stepFed: ReadonlyMap<string, StepFedTime> = new Map(),
  ) {}

  /** Produces events per source, in their order; sources in parallel. */
  async produce(events: readonly FixtureEvent[]): Promise<void> {
    const bySource = new Map<string, FixtureEvent[]>();
    for (const e of events) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
    await Promise.all([...bySource].map(([source, list]) => this.kafka.produce(this.sourceTopics.get(source) ?? '', list.map((e) => e.value))));
    for (const e of events) {
      this.advance(e.source, e.eventTime);
      for (const [name, fed] of this.stepFed) if (fed.root === e.source) this.advance(name, Number(e.value[fed.field]));
    }
  }

  private advance(source: string, eventTime: number): void {
    this.produced.set(source, Math.max(this.produced.get(source) ?? eventTime, eventTime));
  }

  /** Learns which sources feed which vertex (after the job runs). */
  async attach(probe: JobProbe): Promise<void> {
    const tables = await probe.upstreamSourceTables();
    // The plan scans the raw Kafka table (the checked and well-formed views sit on top of it).
    const byTable = new Map(this.plan.sources.flatMap(({ source, tables }) => [[tables.wellFormed, source.name], [tables.raw, source.name]]));
    this.upstream = new Map([...tables].map(([vertex, ts]) => [vertex, new Set([...ts].map((t) => byTable.get(t) ?? t))]));
  }

  /**
   * The watermark a vertex must reach: the smallest source watermark (max event time − delay) over
   * the sources feeding it. A source without events is skipped when it has an idle timeout (Flink
   * ignores it once idle); without one it holds the vertex back, so the vertex is not waited on.
   */
  private target(vertex: string): number | undefined {
    let target = Number.POSITIVE_INFINITY;
    for (const name of this.upstream.get(vertex) ?? []) {
      const src = this.sources.get(name);
      const max = this.produced.get(name);
      if (max === undefined) {
        if (src?.idleTimeout === undefined) return undefined;
        continue;
      }
      target = Math.min(target, max - (src?.watermarkDelay.ms ?? 0));
    }
    return Number.isFinite(target) ? target : undefined;
  }

  /** Waits until every window operator's input watermark has reached its target. */
  async barrier(probe: JobProbe, timeoutMs: number): Promise<void> {
    const t0 = Date.now();
    const deadline = t0 + timeoutMs;
    let behind: string[] = [];
    while (Date.now() < deadline) {
      const marks = await probe.windowWatermarks();
      const reported = new Set(marks.map((m) => m.vertex));
      behind = [
        ...probe.windowVertices.filter((v) => !reported.has(v) && this.target(v) !== undefined).map((v) => `vertex ${v}: no watermark reported yet`),
        ...marks.flatMap((m) => {
          const target = this.target(m.vertex);
          return target !== undefined && m.value < target ? [`${m.operator}: watermark ${m.value}, waiting for ${target}`] : [];
        }),
      ];
      // A job without window/OVER operators (lifetime views only) has no event-time progress to wait for.
      if (behind.length === 0) {
        this.waitedMs += Date.now() - t0;
        return;
      }
      await new Promise((r) => setTimeout(r, probe.source === 'prometheus' ? 100 : 1000));
    }
    throw new Error(`event time did not advance within ${timeoutMs} ms: ${behind.join('; ')}`);
  }
}
