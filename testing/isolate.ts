import { FeatcError } from '../common/errors.js';
import { defaultDeadLetterTopic, defaultFeatureTopic, graphTopics, type CompiledJob } from '../compiler/index.js';
import {
  seconds, type AnyFeatureView, type AnyInferenceStep, type AnySource, type Duration, type ErrorPolicy, type JobDef, type ModelOptions, type OutputDef,
} from '../dsl/index.js';

/** A renamed copy of a job: its own name, topics (also its steps' outputs and the stepSources reading them) and transactional ids. */
export interface RenamedJob {
  /** The renamed definition to compile (the definitions are copied, never the SQL). */
  readonly def: JobDef;
  /** Source name → its renamed topic. */
  readonly sourceTopics: ReadonlyMap<string, string>;
  /** Original topic → renamed topic, for every topic the copy reads or writes. */
  readonly topicMap: ReadonlyMap<string, string>;
  /** Every topic the definitions name (and each source's dead-letter topic), renamed. */
  readonly topics: readonly string[];
  /** Every topic of the copy starts with `<topicPrefix>.` ({@link assertIsolated} checks the compiled copy). */
  readonly topicPrefix: string;
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
  /** A step's model endpoint in the copy; default: the step's own. */
  modelEndpoint?: (step: AnyInferenceStep) => ModelOptions['endpoint'] | undefined;
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
  const topicMap = new Map<string, string>();
  const rename = (topic: string): string => {
    const renamed = prefixedTopic(opts.topicPrefix, topic);
    topicMap.set(topic, renamed);
    return renamed;
  };
  // Copies are memoised: a source read by views and steps, or a step a stepSource reads, is copied once,
  // so the compiler sees one source (E1103) and a stepSource's topic among its (renamed) step's outputs (E2614).
  const sources = new Map<AnySource, AnySource>();
  const steps = new Map<AnyInferenceStep, AnyInferenceStep>();
  const copySource = (s: AnySource): AnySource => {
    const known = sources.get(s);
    if (known) return known;
    const { idleTimeout, ...withoutIdle } = s;
    void idleTimeout;
    const fromStep = (s as { fromStep?: AnyInferenceStep }).fromStep;
    const copy = {
      ...(opts.withoutIdleTimeouts ? withoutIdle : s), topic: rename(s.topic),
      // The default is named too, so every topic of the copy carries the prefix (assertIsolated checks it).
      deadLetterTopic: rename(s.deadLetterTopic ?? defaultDeadLetterTopic(def.name, s.name)),
      ...(fromStep ? { fromStep: copyStep(fromStep) } : {}),
    };
    sources.set(s, copy);
    return copy;
  };
  const copyStep = (st: AnyInferenceStep): AnyInferenceStep => {
    const known = steps.get(st);
    if (known) return known;
    const copy: AnyInferenceStep = {
      ...st, source: copySource(st.source), model: { ...st.model, endpoint: opts.modelEndpoint?.(st) ?? st.model.endpoint },
      outputs: st.outputs.map((o) => ({ ...o, topic: rename(o.topic) })), onError: renameErrorPolicy(st.onError, rename),
    };
    steps.set(st, copy);
    return copy;
  };
  const copyOutput = (view: AnyFeatureView, o: OutputDef): OutputDef => {
    const topic = rename(o.kind === 'kafka' ? o.topic : (o.topic ?? defaultFeatureTopic(view.name)));
    return { ...o, topic };
  };
  const views = def.views.map((v): AnyFeatureView => ({
    ...v,
    sources: v.sources.map(copySource),
    outputs: v.outputs.map((o) => copyOutput(v, o)),
  }));
  const stepCopies = def.steps?.map(copyStep);
  const copy: JobDef = {
    ...def, name: opts.name, views, ...(stepCopies ? { steps: stepCopies } : {}),
    ...(opts.checkpointInterval ? { checkpointInterval: opts.checkpointInterval } : {}),
  };
  const sourceTopics = new Map([...sources.values()].map((s) => [s.name, s.topic]));
  return { def: copy, sourceTopics, topicMap, topics: [...new Set(topicMap.values())], topicPrefix: opts.topicPrefix };
}

/**
 * Refuses a compiled copy that would touch a topic outside its prefix (a topic the renaming does
 * not know of, e.g. a new kind of output): `featc test` and the examples never write to the
 * original job's topics.
 */
export function assertIsolated(compiled: CompiledJob, topicPrefix: string): void {
  const outside = graphTopics(compiled.graph).all.filter((t) => !t.startsWith(`${prefixedTopic(topicPrefix, '')}`));
  if (outside.length > 0) {
    throw new FeatcError('FEATC_E7302', `the isolated copy ${compiled.name} would use topic(s) ${outside.join(', ')} outside its prefix ${topicPrefix}`, {
      kind: 'internal', hint: 'a featc bug: testing/isolate.ts does not rename this kind of topic yet; report it with the definition',
    });
  }
}

function renameErrorPolicy(p: ErrorPolicy, rename: (topic: string) => string): ErrorPolicy {
  if (p.kind === 'dead-letter') return { ...p, topic: rename(p.topic) };
  if (p.kind === 'retry') return { ...p, then: renameErrorPolicy(p.then, rename) };
  return p;
}

/**
 * A renamed copy of `def` for one test: the job name (and so consumer groups and transactional ids)
 * and every topic get the test's prefix (`featc-test.<run>_<test>.<topic>`), checkpoints run every
 * second so exactly-once output is committed quickly, and sources have no idle timeout (idle
 * timeouts are processing-time behaviour: whether a quiet source is skipped would depend on how
 * fast the test runs; without them the watermark is always the minimum over the sources). Steps'
 * output topics are renamed too, and so are the stepSources reading them (the chain stays intact);
 * `modelEndpoint` points the copy's steps at the test's model gateway (see test-models.ts).
 */
export function isolateJob(def: JobDef, runId: string, testIndex: number, modelEndpoint?: RenameOptions['modelEndpoint']): IsolatedJob {
  const tag = `${runId}_${testIndex}`;
  return renameJob(def, {
    name: `featc_test_${tag}_${def.name}`.slice(0, 200),
    topicPrefix: `featc-test.${tag}`,
    withoutIdleTimeouts: true,
    checkpointInterval: seconds(1),
    ...(modelEndpoint ? { modelEndpoint } : {}),
  });
}
