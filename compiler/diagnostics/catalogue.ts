/**
 * Every diagnostic featc reports: code → message (naming the offending value) and hint.
 * E1xxx: loading, names and sources. E2xxx: windows, features, derived features, outputs, job settings;
 * E26xx: inference steps.
 */
type Entry = (...args: never[]) => { message: string; hint: string };

export const catalogue = {
  FEATC_E1001: (cause: string) => ({ message: `cannot load definition file: ${cause}`, hint: 'run it with `node bin/run-ts.js <file>` to see the full error' }),
  FEATC_E1002: (path: string) => ({ message: `no such file or directory ${path}`, hint: 'pass .ts files or directories holding them (default: jobs/)' }),
  FEATC_E1003: (paths: string) => ({ message: `no job(...) is exported by ${paths}`, hint: 'export the value returned by job({ ... }), default or named' }),
  FEATC_E1004: (name: string, other: string) => ({ message: `job name ${q(name)} is also used by ${other}`, hint: 'job names are unique: they name the Flink job and its output directory' }),
  FEATC_E1005: (what: string, expected: string, got: string) => ({ message: `${what} must be ${expected}, got ${got}`, hint: 'build definitions with the featc DSL; an undefined entry usually comes from a circular import' }),
  FEATC_E1101: (what: string, name: string) => ({ message: `${what} name must be an identifier, got ${q(name)}`, hint: 'use letters, digits and _ and start with a letter or _, e.g. userEngagement' }),
  FEATC_E1102: (name: string) => ({ message: `view name ${q(name)} is used twice in this job`, hint: 'rename one of the views' }),
  FEATC_E1103: (name: string) => ({ message: `two different sources are named ${q(name)}`, hint: 'give each source its own name, or reuse the same source object' }),
  FEATC_E1104: (name: string, why: string) => ({ message: `feature name ${q(name)} ${why}`, hint: 'use a short, printable name such as clicks_5m' }),
  FEATC_E1105: (name: string) => ({ message: `feature name ${q(name)} is used twice in this view`, hint: 'features and derived features share one namespace; rename one' }),
  FEATC_E1106: (name: string, why: string) => ({ message: `schema field ${q(name)} ${why}`, hint: 'rename the field in the zod schema (names starting with __ are reserved by featc)' }),
  FEATC_E1107: (what: string, text: string) => ({ message: `${what} ${q(text)} holds a deploy-time placeholder (\${env:…} or \${featc:…})`, hint: "featc deploy replaces these anywhere in the SQL, so they stay out of names and strings; read secrets with env('NAME')" }),
  FEATC_E1201: (topic: string) => ({ message: `topic must match [A-Za-z0-9._-]{1,249}, got ${q(topic)}`, hint: 'Kafka topic names use only letters, digits, ., _ and -' }),
  FEATC_E1202: (zodType: string) => ({ message: `zod type ${zodType} has no Flink column type`, hint: 'use string, number, number().int(), int32, boolean, enum, literal, object, array, optional or nullable' }),
  FEATC_E1203: (field: string, why: string) => ({ message: `event time field ${q(field)} ${why}`, hint: 'point eventTime at an epoch-millis field declared as z.number().int()' }),
  FEATC_E1204: (field: string) => ({ message: `key field ${q(field)} is not in the source schema`, hint: 'list fields of the zod schema in key' }),
  FEATC_E1205: (name: string) => ({ message: `environment variable name must match [A-Z_][A-Z0-9_]*, got ${q(name)}`, hint: "use env('KAFKA_PASSWORD')" }),
  FEATC_E1206: (key: string) => ({ message: `property ${q(key)} is set by featc and cannot be overridden`, hint: 'bootstrap servers, group id and isolation level come from the deploy target' }),
  FEATC_E1208: () => ({ message: 'arrays of objects or of arrays cannot be checked per field, so malformed events could not be dead-lettered', hint: 'flatten the array into scalar arrays (z.array(z.string())), or carry it as a JSON string field (z.string()) and parse it downstream' }),
  FEATC_E1209: (got: string) => ({ message: `maxEventChars must be an integer from 1 to 1048576, got ${q(got)}`, hint: 'events larger than this go to the dead-letter topic; Kafka itself defaults to 1 MiB records' }),
  FEATC_E1207: (option: string, got: string) => ({ message: `${option} must be one of the documented values, got ${q(got)}`, hint: "format: 'json'; startFrom: 'earliest' | 'latest' | 'group'" }),
  FEATC_E2101: (what: string, got: string) => ({ message: `${what} must be a non-negative whole number of milliseconds, got ${got}`, hint: 'use seconds(2), minutes(5), hours(1) or days(1)' }),
  FEATC_E2102: (feature: string) => ({ message: `feature ${q(feature)} has no window`, hint: 'set window on the view or in the aggregation options, e.g. { window: tumbling(minutes(5)) }' }),
  FEATC_E2103: (got: string) => ({ message: `unknown window ${got}`, hint: 'use tumbling(), hopping(), session(), sliding() or lifetime()' }),
  FEATC_E2104: (got: string) => ({ message: `window size must be a positive duration, got ${got}`, hint: 'use minutes(5) or hours(1)' }),
  FEATC_E2105: (size: string, slide: string) => ({ message: `hop slide ${slide} must be positive, at most the size and divide the size ${size}`, hint: 'e.g. hopping(minutes(10), minutes(1))' }),
  FEATC_E2106: (view: string) => ({ message: `lifetime() features of view ${q(view)} need a job stateTtl`, hint: 'set job({ stateTtl: days(7) }) so idle keys expire' }),
  FEATC_E2107: (fn: string, window: string) => ({ message: `${fn} is not supported over a ${window} window`, hint: 'lastN needs a tumbling, hopping, session or sliding window; firstValue and lastValue a tumbling, sliding or lifetime one' }),
  FEATC_E2108: (setting: string, got: string, rule: string) => ({ message: `${setting} ${rule}, got ${got}`, hint: 'see the job() documentation' }),
  FEATC_E2109: (view: string, keys: string) => ({ message: `view ${q(view)} has a session window over several entity keys (${keys})`, hint: 'Flink loses the parentheses of PARTITION BY (a, b) when it expands a view: key the view by one field (combine the keys upstream), or use a tumbling or hopping window' }),
  FEATC_E2110: (what: string, got: string) => ({ message: `${what} must be shorter than 1000 days, got ${got}`, hint: 'Flink SQL intervals hold at most 999 days; for unbounded aggregates use lifetime()' }),
  FEATC_E2201: (source: string) => ({ message: `aggregation reads source ${q(source)}, which is not in the view's sources`, hint: 'add the source to sources: [...]' }),
  FEATC_E2202: (field: string, source: string) => ({ message: `field ${q(field)} is not in source ${q(source)}`, hint: 'use a field of the zod schema (the type checker catches this in TypeScript)' }),
  FEATC_E2203: (fn: string, field: string, type: string) => ({ message: `${fn} needs a numeric field, ${q(field)} is ${type}`, hint: 'use count, countDistinct, firstValue or lastValue for non-numeric fields' }),
  FEATC_E2204: (field: string, value: string, type: string) => ({ message: `where compares ${q(field)} (${type}) with ${value}`, hint: 'compare a field with a literal of the same type' }),
  FEATC_E2205: (got: string) => ({ message: `lastN needs a whole number n between 1 and 1000, got ${got}`, hint: "e.g. lastN(clicks, 'docId', 10)" }),
  FEATC_E2206: (view: string) => ({ message: `view ${q(view)} has no features`, hint: 'declare at least one aggregation in features: { ... }' }),
  FEATC_E2207: (field: string, source: string) => ({ message: `entity key field ${q(field)} is missing from source ${q(source)}`, hint: 'every source of a view must carry the entity key' }),
  FEATC_E2208: (view: string) => ({ message: `view ${q(view)} needs an entity key and at least one source`, hint: "e.g. entity: ['userId'], sources: [clicks]" }),
  FEATC_E2209: (got: string) => ({ message: `unknown aggregation ${got}`, hint: 'build features with count(), sum(), avg(), min(), max(), countDistinct(), firstValue(), lastValue() or lastN()' }),
  FEATC_E2210: (field: string, types: string) => ({ message: `entity key field ${q(field)} has different types across sources: ${types}`, hint: 'declare the key with the same zod type in every source' }),
  FEATC_E2301: (name: string) => ({ message: `derived feature references unknown feature ${q(name)}`, hint: 'reference a feature or derived feature of the same view' }),
  FEATC_E2302: (cycle: string) => ({ message: `derived features form a cycle: ${cycle}`, hint: 'break the cycle; a derived feature cannot depend on itself' }),
  FEATC_E2303: (windows: string) => ({ message: `derived feature combines features of different windows (${windows})`, hint: 'derive only from features computed over the same window' }),
  FEATC_E2304: (name: string, type: string) => ({ message: `arithmetic needs numeric operands, ${q(name)} is ${type}`, hint: 'use numeric features in ratio/add/sub/mul' }),
  FEATC_E2305: (got: string) => ({ message: `derived feature uses the number ${got}, which SQL cannot represent`, hint: 'use finite numbers; ratio() already gives NULL when the denominator is 0' }),
  FEATC_E2306: (types: string) => ({ message: `coalesce mixes values of different types (${types})`, hint: 'give a fallback of the feature type: a number for numeric features, a string for strings, a boolean for booleans' }),
  FEATC_E2307: () => ({ message: 'ratio divides by an expression that is always 0', hint: 'the result would always be NULL: divide by a feature, or drop the derived feature' }),
  FEATC_E2401: (view: string) => ({ message: `view ${q(view)} has no outputs`, hint: 'add outputs: [redis({ ttl: minutes(30) })] or kafka({ topic })' }),
  FEATC_E2402: (topic: string, other: string) => ({ message: `topic ${q(topic)} is already used by ${other}`, hint: 'each output writes its own topic, distinct from the sources' }),
  FEATC_E2403: (name: string) => ({ message: `online options name unknown feature ${q(name)}`, hint: 'key online: { ... } by feature names of this view' }),
  FEATC_E2404: (name: string, got: string, type: string) => ({ message: `default for ${q(name)} must be ${type}, got ${got}`, hint: 'give a default of the feature type, or none' }),
  FEATC_E2406: (view: string, windows: string) => ({ message: `view ${q(view)} has a Redis output but computes features over several windows (${windows})`, hint: 'a feature record carries every feature of its view: split the view, one per window' }),
  FEATC_E2405: (got: string) => ({ message: `unknown output ${got}`, hint: 'use kafka({ topic }) or redis({ ttl })' }),
  FEATC_E2601: (cause: string) => ({ message: `prompt template does not parse: ${cause}`, hint: 'prompts are Handlebars templates: plain text with {{field}} references' }),
  FEATC_E2602: (feature: string, got: string) => ({ message: `prompt template uses ${feature} ${q(got)}, which cannot be compiled to Flink SQL`, hint: 'use only {{field}} or {{nested.field}} references; build conditional text in a view before the step' }),
  FEATC_E2603: (field: string, source: string) => ({ message: `prompt references ${q(field)}, which is not a field of source ${q(source)}`, hint: 'reference fields of the source zod schema, e.g. {{text}}' }),
  FEATC_E2604: (field: string, source: string) => ({ message: `step field ${q(field)} is not in source ${q(source)}`, hint: 'list fields of the source zod schema in fields: [...]' }),
  FEATC_E2605: (got: string, why: string) => ({ message: `model endpoint ${q(got)} ${why}`, hint: "use gateway(env('FEATC_INFERENCE_GATEWAY')) or a URL ending in /v1/chat/completions or /v1/embeddings" }),
  FEATC_E2606: (why: string) => ({ message: `step output ${why}`, hint: 'use z.string(), z.array(z.number()) or z.object({...}) of string, number, int, boolean and enum fields' }),
  FEATC_E2607: (option: string, got: string, rule: string) => ({ message: `${option} ${rule}, got ${got}`, hint: 'see the inference() documentation' }),
  FEATC_E2608: (got: string) => ({ message: `model apiKey must be an env() reference, got ${got}`, hint: "use apiKey: env('OPENAI_API_KEY'); secrets never appear in compiled SQL" }),
  FEATC_E2609: (name: string, other: string) => ({ message: `step name ${q(name)} is also used by ${other}`, hint: 'step, view and source names name Flink tables and views: keep them distinct' }),
  FEATC_E2610: (option: string, task: string) => ({ message: `${option} does not apply to a${task === 'embedding' ? 'n embedding' : ' chat'} model`, hint: 'systemPrompt and temperature/maxTokens are for chat outputs, dimensions for embeddings' }),
  FEATC_E2611: (got: string) => ({ message: `unknown error policy ${got}`, hint: "use fail(), skip(), deadLetter('topic') or retry(n, then)" }),
  FEATC_E2613: (step: string, source: string) => ({ message: `step ${q(step)} sends failures to a dead-letter topic, but its source ${q(source)} sets idleTimeout`, hint: 'Flink forwards an idle source past in-flight model calls, so the dead-letter anti-join would report rows that did not fail: drop idleTimeout, or use skip()/fail()' }),
  FEATC_E2614: (source: string, step: string, topic: string, topics: string) => ({ message: `source ${q(source)} reads step ${q(step)}, but topic ${q(topic)} is not one of its outputs (${topics})`, hint: "pass one of the step's kafka output topics to stepSource(step, { topic }), or add kafka({ topic }) to the step's outputs" }),
  FEATC_E2612: (name: string) => ({ message: `step ${q(name)} has no outputs`, hint: "add outputs: [kafka({ topic: '…' })]" }),
} satisfies Record<string, Entry>;

export type DiagnosticCode = keyof typeof catalogue;

/** Quotes a user value for a message so empty, odd or hostile names stay visible. */
export function q(value: string): string {
  return JSON.stringify(value);
}
