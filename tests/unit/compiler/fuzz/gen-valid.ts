import type { DerivedNode, PredicateLiteral, PredicateNode } from '../../../../dsl/index.js';
import type { Draw } from './draw.js';
import { distinct, identifierName, literalText, quotedName } from './names.js';
import {
  aggregateKind, isNumericKind, valueKind, windowKey,
  type AggSpec, type DerivedSpec, type FieldSpec, type FieldTypeSpec, type JobSpec, type OutputSpec, type SourceSpec,
  type ValueKind, type ViewSpec, type WindowSpec,
} from './spec.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const RESERVED_FIELDS = new Set(['window_start', 'window_end', 'window_time']);
const NUMBERS = [0, 1, -1, 42, 0.5, -2.25, 1e-7, 123_456_789_012, 2 ** 53, 1e19, 1e21, -0];

/** Flink SQL intervals hold at most 999 days (FEATC_E2110 past that). */
const MAX_LENGTH = 1000 * DAY - 1;

/** A positive window length: sub-second to 999 days, mostly round; counts past 999 print as DAY TO SECOND. */
export function windowLength(d: Draw): number {
  const unit = d.pick([1, SECOND, MINUTE, HOUR, DAY]);
  const n = unit === 1 ? d.pick([1, 250, 500, 1500, 1_000_500]) : d.pick([1, 2, 5, 10, 15, 30, 90, 150, 999, 1000, 1001]);
  return Math.min(unit * n, MAX_LENGTH);
}

/** A window; session windows only over a single entity key (FEATC_E2109). */
function windowOf(d: Draw, allowLifetime: boolean, allowSession = true): WindowSpec {
  switch (d.int(0, allowLifetime ? 4 : 3)) {
    case 0: return { kind: 'tumbling', size: windowLength(d) };
    case 1: {
      const slide = windowLength(d);
      const factor = d.pick([1, 2, 3, 10, 60]);
      return { kind: 'hopping', size: slide * factor <= MAX_LENGTH ? slide * factor : slide, slide };
    }
    case 2: return allowSession ? { kind: 'session', gap: windowLength(d) } : { kind: 'sliding', range: windowLength(d) };
    case 3: return { kind: 'sliding', range: windowLength(d) };
    default: return { kind: 'lifetime' };
  }
}

function topicName(d: Draw): string {
  const roll = d.int(0, 5);
  if (roll === 0) return d.pick(['select', 'FROM', 'order.by', '-', '_', '...', 'a..b']);
  if (roll === 1) return `t.${'x'.repeat(d.int(1, 246))}`;
  return `t.${d.text(10).replace(/[^A-Za-z0-9._-]/g, '-')}${d.int(0, 99)}`;
}

function fieldType(d: Draw, depth: number): FieldTypeSpec {
  const roll = d.int(0, depth > 1 ? 5 : 8);
  if (roll <= 5) return { k: d.pick(['string', 'bigint', 'int', 'double', 'boolean'] as const) };
  if (roll === 6) return { k: 'enum', values: distinct(d, d.int(1, 3), () => literalText(d)) };
  // Arrays hold scalars: featc cannot check arrays of objects or arrays per field (FEATC_E1208).
  if (roll === 7) return { k: 'array', of: { k: d.pick(['string', 'bigint', 'int', 'double', 'boolean'] as const) } };
  const names = distinct(d, d.int(1, 3), () => quotedName(d, 64));
  return { k: 'row', fields: names.map((name) => ({ name, type: fieldType(d, depth + 1) })) };
}

function wrap(d: Draw): FieldSpec['wrap'] | undefined {
  return d.chance(0.2) ? d.pick(['optional', 'nullable'] as const) : undefined;
}

function field(name: string, type: FieldTypeSpec, w: FieldSpec['wrap'] | undefined): FieldSpec {
  return w ? { name, type, wrap: w } : { name, type };
}

function fieldName(d: Draw): string {
  const name = quotedName(d, 128);
  return RESERVED_FIELDS.has(name) ? `${name}_` : name;
}

function source(d: Draw, name: string, topic: string, keys: readonly FieldSpec[], size: Size): SourceSpec {
  const taken = new Set(keys.map((k) => k.name));
  const [eventTime = 'ts', ...others] = distinct(d, 1 + d.int(0, size.otherFields), () => fieldName(d), taken);
  const fields = d.shuffle([
    ...keys,
    field(eventTime, { k: 'bigint' }, wrap(d)),
    ...others.map((n) => field(n, fieldType(d, 0), wrap(d))),
  ]);
  const spec: SourceSpec = { name, topic, fields, eventTime, watermarkDelayMs: d.pick([0, 500, 2 * SECOND, MINUTE, 1000 * SECOND, 1001 * MINUTE]), format: 'json' };
  if (d.chance(0.2)) spec.idleTimeoutMs = d.pick([SECOND, 30 * SECOND, 1500]);
  if (d.chance(0.3)) spec.startFrom = d.pick(['earliest', 'latest', 'group']);
  if (d.chance(0.2)) spec.key = d.subset(fields.map((f) => f.name), 1, 2);
  if (d.chance(0.3)) {
    spec.properties = {};
    if (d.chance(0.5)) spec.properties['sasl.jaas.config'] = { env: d.pick(['KAFKA_JAAS', 'FEATC_FUZZ_SECRET', '_X1']) };
    if (d.chance(0.5)) spec.properties['client.id'] = literalText(d);
    if (d.chance(0.3)) spec.properties[d.pick(["it's.odd", 'client.rack', 'x`y'])] = literalText(d);
  }
  return spec;
}

function literalFor(d: Draw, kind: ValueKind): PredicateLiteral {
  if (isNumericKind(kind)) return kind === 'double' ? d.pick(NUMBERS) : d.pick(NUMBERS.filter((n) => Number.isInteger(n) && Math.abs(n) < 2 ** 31));
  if (kind === 'boolean') return d.chance(0.5);
  return literalText(d);
}

/** A well-typed `where` over a source's top-level fields. */
export function predicate(d: Draw, fields: readonly FieldSpec[], depth = 0): PredicateNode {
  const roll = d.int(0, depth > 1 ? 5 : 8);
  if (roll >= 6) {
    if (roll === 8) return { kind: 'not', item: predicate(d, fields, depth + 1) };
    // and()/or() without items are legal DSL (and mean TRUE/FALSE).
    const items = Array.from({ length: d.int(d.chance(0.05) ? 0 : 1, 3) }, () => predicate(d, fields, depth + 1));
    return { kind: roll === 6 ? 'and' : 'or', items };
  }
  const f = d.pick(fields);
  const kind = valueKind(f.type);
  if (kind === 'array' || kind === 'row' || roll === 5) return { kind: 'is-null', field: f.name, negated: d.chance(0.5) };
  if (roll === 4) return { kind: 'in', field: f.name, values: Array.from({ length: d.int(d.chance(0.05) ? 0 : 1, 3) }, () => literalFor(d, kind)) };
  const ops = kind === 'boolean' ? (['=', '<>'] as const) : (['=', '<>', '<', '<=', '>', '>='] as const);
  return { kind: 'compare', op: d.pick(ops), field: f.name, value: literalFor(d, kind) };
}

const FIELD_FNS: Record<string, (k: ValueKind) => boolean> = {
  sum: isNumericKind, avg: isNumericKind,
  min: (k) => isNumericKind(k) || k === 'string', max: (k) => isNumericKind(k) || k === 'string',
  countDistinct: (k) => k !== 'array' && k !== 'row', approxCountDistinct: (k) => k !== 'array' && k !== 'row',
  firstValue: () => true, lastValue: () => true, lastN: (k) => k !== 'array' && k !== 'row',
};

function aggregation(d: Draw, name: string, sourceIndex: number, src: SourceSpec, window: WindowSpec, entity: readonly string[]): AggSpec {
  // What Flink can compute per window kind (FEATC_E2107 otherwise).
  const merging = window.kind === 'hopping' || window.kind === 'session';
  const fns = ['count', ...Object.keys(FIELD_FNS)].filter((fn) => !(fn === 'lastN' && window.kind === 'lifetime')
    && !((fn === 'firstValue' || fn === 'lastValue') && merging));
  const fn = d.pick(fns);
  const fits = FIELD_FNS[fn];
  // An entity key partitions session windows: aggregating it there is FEATC_E2111.
  const candidates = fits ? src.fields.filter((f) => fits(valueKind(f.type)) && !(window.kind === 'session' && entity.includes(f.name))) : [];
  const agg: AggSpec = fits && candidates.length > 0 ? { name, fn, source: sourceIndex, field: d.pick(candidates).name } : { name, fn: 'count', source: sourceIndex };
  if (agg.fn === 'lastN') agg.n = d.pick([1, 2, 10, 1000]);
  if (d.chance(0.3)) agg.where = predicate(d, src.fields);
  return agg;
}

/** A feature of a window group; `aggregate` features are never constant (derived ones may be). */
interface Typed { readonly name: string; readonly kind: ValueKind; readonly aggregate?: true }

function numericExpr(d: Draw, numeric: readonly Typed[], depth: number): DerivedNode {
  if (depth > 2 || d.chance(0.4)) {
    return numeric.length > 0 && d.chance(0.8) ? { kind: 'feature', name: d.pick(numeric).name } : { kind: 'literal', value: d.pick(NUMBERS.filter((n) => Math.abs(n) < 1e15)) };
  }
  const left = numericExpr(d, numeric, depth + 1);
  const roll = d.int(0, 3);
  if (roll === 0) {
    // A denominator that is always 0 is FEATC_E2307: divide by an aggregate or a non-zero number.
    const aggregates = numeric.filter((t) => t.aggregate);
    const right: DerivedNode = aggregates.length > 0 && d.chance(0.8) ? { kind: 'feature', name: d.pick(aggregates).name } : { kind: 'literal', value: d.pick([1, -1, 42, 0.5]) };
    return { kind: 'ratio', left, right };
  }
  return { kind: 'arith', op: (['+', '-', '*'] as const)[roll - 1] ?? '+', left, right: numericExpr(d, numeric, depth + 1) };
}

/** Derived features over one window group's features (and earlier derived ones); returns them typed. */
function derivedFeatures(d: Draw, names: readonly string[], group: Typed[]): DerivedSpec[] {
  return names.flatMap((name) => {
    const numeric = group.filter((t) => isNumericKind(t.kind));
    const roll = d.int(0, 3);
    let node: DerivedNode;
    let kind: ValueKind = 'double';
    const target = group.length > 0 ? d.pick(group) : undefined;
    if (roll === 0 && target && target.kind !== 'array' && target.kind !== 'row') {
      const fallback: number | string | boolean = isNumericKind(target.kind) ? d.pick(target.kind === 'double' ? NUMBERS.slice(0, 6) : [0, 1, -1]) : target.kind === 'boolean' ? d.chance(0.5) : literalText(d);
      node = { kind: 'coalesce', items: [{ kind: 'feature', name: target.name }, { kind: 'literal', value: fallback }] };
      kind = target.kind;
    } else if (roll === 1) {
      node = { kind: 'compare', op: d.pick(['=', '<>', '<', '<=', '>', '>='] as const), left: numericExpr(d, numeric, 1), right: numericExpr(d, numeric, 1) };
      kind = 'boolean';
    } else {
      node = numericExpr(d, numeric, 0);
    }
    // A derived feature over no feature is a constant: FEATC_E2308. Anchor it on one.
    if (!JSON.stringify(node).includes('"feature"')) {
      const anchor = numeric.find((t) => t.aggregate);
      if (!anchor) return [];
      node = kind === 'boolean'
        ? { kind: 'compare', op: '>=', left: { kind: 'feature', name: anchor.name }, right: { kind: 'literal', value: 0 } }
        : { kind: 'arith', op: '+', left: node, right: { kind: 'feature', name: anchor.name } };
    }
    group.push({ name, kind });
    return [{ name, node }];
  });
}

function outputs(d: Draw, viewName: string, topics: Set<string>): OutputSpec[] {
  const out: OutputSpec[] = [];
  const fresh = (): string => distinct(d, 1, () => topicName(d), topics, 't.n')[0] ?? 't.fallback';
  if (d.chance(0.4)) {
    const topic = d.chance(0.3) ? fresh() : `featc.features.${viewName}`;
    topics.add(topic);
    out.push({ kind: 'redis', ttlMs: d.pick([SECOND, 30 * MINUTE, DAY]), ...(topic === `featc.features.${viewName}` ? {} : { topic }) });
  }
  const kafkaCount = d.int(out.length === 0 ? 1 : 0, 2);
  for (let i = 0; i < kafkaCount; i++) {
    const topic = fresh();
    topics.add(topic);
    out.push({ kind: 'kafka', topic });
  }
  return d.shuffle(out);
}

function effectiveWindow(view: ViewSpec, agg: AggSpec): WindowSpec {
  return agg.window ?? view.window ?? { kind: 'lifetime' };
}

function onlineDefault(d: Draw, kind: ValueKind): unknown {
  if (isNumericKind(kind)) return d.pick([0, -1, 2.5]);
  if (kind === 'boolean') return d.chance(0.5);
  if (kind === 'string') return literalText(d);
  return null;
}

function view(d: Draw, name: string, sources: readonly SourceSpec[], keys: readonly FieldSpec[], topics: Set<string>): ViewSpec {
  const sourceIndices = d.subset(sources.map((_, i) => i), 1, 3);
  const entity = d.shuffle(d.subset(keys.map((k) => k.name), 1));
  const outs = outputs(d, name, topics);
  const redis = outs.some((o) => o.kind === 'redis');
  const spec: ViewSpec = { name, entity, sources: sourceIndices, features: [], derived: [], online: {}, outputs: outs };
  const single = entity.length === 1;
  if (d.chance(0.8)) spec.window = windowOf(d, true, single);
  const shared = windowOf(d, true, single);
  // Entity keys and window columns are taken (FEATC_E1104); names close to them are not.
  const taken = new Set([...entity, 'window_start', 'window_end', 'window_time']);
  // A Redis-served view's features are identifiers (FEATC_E2407); Kafka-only views take any printable name.
  const servedName = (prefix: string): string => { const n = identifierName(d, prefix); return n.startsWith('__') ? `${prefix}${n}` : n; };
  const featureNames = distinct(d, d.int(1, 4), () => (redis ? servedName('f') : d.chance(0.9) ? quotedName(d, 128) : d.pick(['window', 'window_start_', 'w', 'rowtime_', `x${entity[0] ?? ''}`.slice(0, 128)])), taken);
  for (const featureName of featureNames) {
    const own = redis ? (spec.window ? undefined : shared) : !spec.window || d.chance(0.3) ? windowOf(d, true, single) : undefined;
    const index = d.pick(sourceIndices);
    const src = sources[index] as SourceSpec;
    const agg = aggregation(d, featureName, index, src, own ?? spec.window ?? shared, entity);
    if (own) agg.window = own;
    spec.features.push(agg);
  }
  const groups = new Map<string, Typed[]>();
  for (const agg of spec.features) {
    const key = windowKey(effectiveWindow(spec, agg));
    const field = sources[agg.source]?.fields.find((f) => f.name === agg.field);
    groups.set(key, [...(groups.get(key) ?? []), { name: agg.name, kind: aggregateKind(agg.fn, field), aggregate: true }]);
  }
  const group = d.pick([...groups.values()]);
  const derivedNames = distinct(d, d.int(0, 3), () => (redis ? servedName('d') : quotedName(d, 128)), new Set([...taken, ...featureNames]));
  spec.derived = derivedFeatures(d, derivedNames, group);
  for (const typed of [...groups.values()].flat()) {
    if (!d.chance(0.2)) continue;
    spec.online[typed.name] = { ...(d.chance(0.5) ? { ttlMs: d.pick([0, MINUTE, DAY]) } : {}), ...(d.chance(0.7) ? { default: onlineDefault(d, typed.kind) } : {}) };
  }
  return spec;
}

function keyField(d: Draw, name: string): FieldSpec {
  const type: FieldTypeSpec = { k: d.pick(['string', 'string', 'bigint', 'int', 'double', 'boolean'] as const) };
  return field(name, type, d.chance(0.1) ? 'nullable' : undefined);
}

/** How big definitions get: `planner` ones are smaller, so the real planner takes seconds, not minutes. */
export interface Size { readonly sources: readonly number[]; readonly views: readonly number[]; readonly otherFields: number }
export const FUZZ_SIZE: Size = { sources: [1, 1, 2, 3], views: [1, 1, 2, 3], otherFields: 3 };
export const PLANNER_SIZE: Size = { sources: [1, 1, 2], views: [1, 1, 2], otherFields: 1 };

/** A definition featc must compile: every rule of the validator is respected. */
export function validJob(d: Draw, size: Size = FUZZ_SIZE): JobSpec {
  const keyNames = distinct(d, d.int(1, 2), () => fieldName(d).replaceAll(';', ','));
  const keys = keyNames.map((name) => keyField(d, name));
  const topics = new Set<string>();
  const sources = distinct(d, d.pick(size.sources), () => identifierName(d, 'src')).map((name) => {
    const topic = distinct(d, 1, () => topicName(d), topics, 't.src')[0] ?? 't.src';
    topics.add(topic);
    return source(d, name, topic, keys, size);
  });
  const views = distinct(d, d.pick(size.views), () => identifierName(d, 'view')).map((name) => view(d, name, sources, keys, topics));
  const spec: JobSpec = { name: identifierName(d, 'job'), sources, views };
  const lifetime = views.some((v) => v.features.some((f) => effectiveWindow(v, f).kind === 'lifetime'));
  if (lifetime || d.chance(0.2)) spec.stateTtlMs = d.pick([HOUR, DAY, 7 * DAY, 90 * SECOND]);
  if (d.chance(0.3)) spec.parallelism = d.int(1, 4);
  if (d.chance(0.3)) spec.checkpointMs = d.pick([SECOND, 30 * SECOND, 10 * MINUTE]);
  return spec;
}
