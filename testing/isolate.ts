import { seconds, type AnyFeatureView, type AnySource, type JobDef, type OutputDef } from '../dsl/index.js';

/** Topics and names of one test's private copy of a job. */
export interface IsolatedJob {
  /** The renamed definition to compile: own job name, topics and transactional ids. */
  readonly def: JobDef;
  /** Source name → its private topic. */
  readonly sourceTopics: ReadonlyMap<string, string>;
  /** Every topic the copy reads or writes (created before, deleted after the test). */
  readonly topics: readonly string[];
}

/** `featc-test.<run>.<test>.<topic>`: a topic name no other test or deployment uses (Kafka allows 249 chars). */
function privateTopic(prefix: string, topic: string): string {
  return `${prefix}.${topic}`.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 249);
}

/**
 * A renamed copy of `def` for one test: the job name (and so consumer groups and transactional ids)
 * and every topic get the test's prefix, checkpoints run every second so exactly-once output is
 * committed quickly, and sources have no idle timeout (event time then depends on the events only). The definitions are copied, never the SQL: the copy compiles like any job.
 */
export function isolateJob(def: JobDef, runId: string, testIndex: number): IsolatedJob {
  // Steps read and write topics of their own and call a model endpoint; refuse rather than touch real topics.
  if ((def.steps?.length ?? 0) > 0) {
    throw new Error(`featc test does not run jobs with inference steps yet (${def.name} has ${def.steps?.length}): test its feature views in a job without steps`);
  }
  const tag = `${runId}_${testIndex}`;
  const prefix = `featc-test.${tag}`;
  const sources = new Map<AnySource, AnySource>();
  const copySource = (s: AnySource): AnySource => {
    // Idle timeouts are processing-time behaviour: whether a quiet source is skipped would depend on
    // how fast the test runs. Without them the watermark is always the minimum over the sources.
    const { idleTimeout, ...rest } = s;
    void idleTimeout;
    const copy = sources.get(s) ?? { ...rest, topic: privateTopic(prefix, s.topic) };
    sources.set(s, copy);
    return copy;
  };
  const outputTopics: string[] = [];
  const copyOutput = (view: AnyFeatureView, o: OutputDef): OutputDef => {
    const topic = privateTopic(prefix, o.kind === 'kafka' ? o.topic : (o.topic ?? `featc.features.${view.name}`));
    outputTopics.push(topic);
    return { ...o, topic };
  };
  const views = def.views.map((v): AnyFeatureView => ({
    ...v,
    sources: v.sources.map(copySource),
    outputs: v.outputs.map((o) => copyOutput(v, o)),
  }));
  const copy: JobDef = { ...def, name: `featc_test_${tag}_${def.name}`.slice(0, 200), views, checkpointInterval: seconds(1) };
  const sourceTopics = new Map([...sources.values()].map((s) => [s.name, s.topic]));
  return { def: copy, sourceTopics, topics: [...new Set([...sourceTopics.values(), ...outputTopics])] };
}
