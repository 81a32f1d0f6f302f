import { seconds, type AnyFeatureView, type AnySource, type Duration, type JobDef, type OutputDef } from '../dsl/index.js';

/** A renamed copy of a job: its own name, topics and transactional ids. */
export interface RenamedJob {
  /** The renamed definition to compile (the definitions are copied, never the SQL). */
  readonly def: JobDef;
  /** Source name → its renamed topic. */
  readonly sourceTopics: ReadonlyMap<string, string>;
  /** Original topic → renamed topic, for every topic the copy reads or writes. */
  readonly topicMap: ReadonlyMap<string, string>;
  /** Every topic the copy reads or writes (created before, deleted after a test). */
  readonly topics: readonly string[];
}

/** Topics and names of one test's private copy of a job. */
export type IsolatedJob = RenamedJob;

export interface RenameOptions {
  /** The copy's job name (so its consumer groups and transactional ids are its own). */
  name: string;
  /** Every topic becomes `<topicPrefix>.<topic>` (see {@link prefixedTopic}). */
  topicPrefix: string;
  /** Drop the sources' idle timeouts: event time then depends on the events only, not on how fast they arrive. */
  withoutIdleTimeouts?: boolean;
  /** Replace the job's checkpoint interval (exactly-once output is visible once per checkpoint). */
  checkpointInterval?: Duration;
}

/** `<prefix>.<topic>`, with characters Kafka refuses replaced and cut to Kafka's 249-character limit. */
export function prefixedTopic(prefix: string, topic: string): string {
  return `${prefix}.${topic}`.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 249);
}

/**
 * A copy of `def` whose job name and topics (sources and outputs) are renamed, so it can run next to
 * the original on the same cluster and Kafka: `featc test` isolates each test with it, and the
 * integration tests deploy the shipped jobs under private names with it.
 */
export function renameJob(def: JobDef, opts: RenameOptions): RenamedJob {
  // Steps read and write topics of their own and call a model endpoint; refuse rather than touch real topics.
  if ((def.steps?.length ?? 0) > 0) {
    throw new Error(`cannot rename jobs with inference steps yet (${def.name} has ${def.steps?.length}): rename a job with its feature views only`);
  }
  const topicMap = new Map<string, string>();
  const rename = (topic: string): string => {
    const renamed = prefixedTopic(opts.topicPrefix, topic);
    topicMap.set(topic, renamed);
    return renamed;
  };
  const sources = new Map<AnySource, AnySource>();
  const copySource = (s: AnySource): AnySource => {
    const known = sources.get(s);
    if (known) return known;
    const { idleTimeout, ...withoutIdle } = s;
    void idleTimeout;
    const copy = { ...(opts.withoutIdleTimeouts ? withoutIdle : s), topic: rename(s.topic) };
    sources.set(s, copy);
    return copy;
  };
  const outputTopics: string[] = [];
  const copyOutput = (view: AnyFeatureView, o: OutputDef): OutputDef => {
    const topic = rename(o.kind === 'kafka' ? o.topic : (o.topic ?? `featc.features.${view.name}`));
    outputTopics.push(topic);
    return { ...o, topic };
  };
  const views = def.views.map((v): AnyFeatureView => ({
    ...v,
    sources: v.sources.map(copySource),
    outputs: v.outputs.map((o) => copyOutput(v, o)),
  }));
  const copy: JobDef = { ...def, name: opts.name, views, ...(opts.checkpointInterval ? { checkpointInterval: opts.checkpointInterval } : {}) };
  const sourceTopics = new Map([...sources.values()].map((s) => [s.name, s.topic]));
  return { def: copy, sourceTopics, topicMap, topics: [...new Set([...sourceTopics.values(), ...outputTopics])] };
}

/**
 * A renamed copy of `def` for one test: the job name (and so consumer groups and transactional ids)
 * and every topic get the test's prefix (`featc-test.<run>_<test>.<topic>`), checkpoints run every
 * second so exactly-once output is committed quickly, and sources have no idle timeout (idle
 * timeouts are processing-time behaviour: whether a quiet source is skipped would depend on how
 * fast the test runs; without them the watermark is always the minimum over the sources).
 */
export function isolateJob(def: JobDef, runId: string, testIndex: number): IsolatedJob {
  if ((def.steps?.length ?? 0) > 0) {
    throw new Error(`featc test does not run jobs with inference steps yet (${def.name} has ${def.steps?.length}): test its feature views in a job without steps`);
  }
  const tag = `${runId}_${testIndex}`;
  return renameJob(def, {
    name: `featc_test_${tag}_${def.name}`.slice(0, 200),
    topicPrefix: `featc-test.${tag}`,
    withoutIdleTimeouts: true,
    checkpointInterval: seconds(1),
  });
}
