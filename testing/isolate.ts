import { FeatcError } from '../common/errors.js';
import { DEFINITION_NAME, isKafkaTopic } from '../contracts/index.js';
import { compileIr, graphTopics, lowerValidJob, renameIr, type CompiledJob } from '../compiler/index.js';
import {
  seconds, type AnyFeatureView, type AnyInferenceStep, type AnySource, type Duration, type JobDef, type ModelOptions,
} from '../dsl/index.js';

/** A renamed copy of a job: its own name, topics (also its steps' outputs and the stepSources reading them) and transactional ids. */
export interface RenamedJob {
  /** The definitions with the copy's settings (idle timeouts, checkpoint interval, model endpoints); names and topics are the original's. */
  readonly def: JobDef;
  /** The compiled copy: the definitions lowered, their IR renamed ({@link renameIr}), then compiled (printed once). */
  readonly compiled: CompiledJob;
  /** Source name → its renamed topic. */
  readonly sourceTopics: ReadonlyMap<string, string>;
  /** Original topic → renamed topic, for every topic the copy reads or writes. */
  readonly topicMap: ReadonlyMap<string, string>;
  /** Every topic the copy reads or writes. */
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
 * A copy of `def` whose job name and topics are renamed, so it can run next to the original on the
 * same cluster and Kafka: `featc test` isolates each test with it, and the integration tests deploy
 * the shipped jobs under private names with it. Settings are changed on the definitions; names and
 * topics on the compiled IR, where every topic is known ({@link renameIr}). Throws
 * DiagnosticsError when `def` does not compile.
 */
export function renameJob(def: JobDef, opts: RenameOptions): RenamedJob {
  const copy = withSettings(def, opts);
  const topicMap = new Map<string, string>();
  const topic = (original: string): string => {
    const renamed = prefixedTopic(opts.topicPrefix, original);
    topicMap.set(original, renamed);
    return renamed;
  };
  const ir = renameIr(lowerValidJob(copy), { name: opts.name, topic });
  const compiled = compileIr(ir);
  const sourceTopics = new Map(ir.sources.map((s) => [s.name, s.topic]));
  return { def: copy, compiled, sourceTopics, topicMap, topics: graphTopics(compiled.graph).all, topicPrefix: opts.topicPrefix };
}

/** `def` with the copy's settings. Copies are memoised: a source read by views and steps, or a step a stepSource reads, is copied once. */
function withSettings(def: JobDef, opts: RenameOptions): JobDef {
  const sources = new Map<AnySource, AnySource>();
  const steps = new Map<AnyInferenceStep, AnyInferenceStep>();
  const copySource = (s: AnySource): AnySource => {
    const known = sources.get(s);
    if (known) return known;
    const { idleTimeout, ...withoutIdle } = s;
    void idleTimeout;
    const fromStep = (s as { fromStep?: AnyInferenceStep }).fromStep;
    const copy = { ...(opts.withoutIdleTimeouts ? withoutIdle : s), ...(fromStep ? { fromStep: copyStep(fromStep) } : {}) };
    sources.set(s, copy);
    return copy;
  };
  const copyStep = (st: AnyInferenceStep): AnyInferenceStep => {
    const known = steps.get(st);
    if (known) return known;
    const copy: AnyInferenceStep = { ...st, source: copySource(st.source), model: { ...st.model, endpoint: opts.modelEndpoint?.(st) ?? st.model.endpoint } };
    steps.set(st, copy);
    return copy;
  };
  const views = def.views.map((v): AnyFeatureView => ({ ...v, sources: v.sources.map(copySource) }));
  const stepCopies = def.steps?.map(copyStep);
  return {
    ...def, views, ...(stepCopies ? { steps: stepCopies } : {}),
    ...(opts.checkpointInterval ? { checkpointInterval: opts.checkpointInterval } : {}),
  };
}

/**
 * Refuses a compiled copy that would touch a topic outside its prefix (a topic the renaming does
 * not know of, e.g. a new kind of output): `featc test` and the examples never write to the
 * original job's topics.
 */
export function assertIsolated(compiled: CompiledJob, topicPrefix: string): void {
  // The renamed IR is compiled without lowering's checks: the copy's names are checked here.
  const invalid = [...(DEFINITION_NAME.test(compiled.name) ? [] : [`job name ${compiled.name}`]), ...graphTopics(compiled.graph).all.filter((t) => !isKafkaTopic(t)).map((t) => `topic ${t}`)];
  if (invalid.length > 0) {
    throw new FeatcError('FEATC_E7303', `the isolated copy ${compiled.name} has names Flink or Kafka would refuse: ${invalid.join(', ')}`, { kind: 'internal' });
  }
  const outside = graphTopics(compiled.graph).all.filter((t) => !t.startsWith(`${prefixedTopic(topicPrefix, '')}`));
  if (outside.length > 0) {
    throw new FeatcError('FEATC_E7302', `the isolated copy ${compiled.name} would use topic(s) ${outside.join(', ')} outside its prefix ${topicPrefix}`, {
      kind: 'internal', hint: 'a featc bug: testing/isolate.ts does not rename this kind of topic yet; report it with the definition',
    });
  }
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
