import type { DiagnosticCode } from '../../../../compiler/index.js';
import type { Draw } from './draw.js';
import { HOSTILE_NAMES, PLACEHOLDER_TEXTS } from './names.js';
import { valueKind, type AggSpec, type JobSpec, type SourceSpec, type ViewSpec, type WindowSpec } from './spec.js';

/**
 * One way to break a valid definition and the diagnostic featc must answer with (null: any
 * diagnostic, or none, as long as nothing but a DiagnosticsError is thrown). `apply` returns false
 * when the spec offers nothing to break this way.
 */
export interface Mutation {
  readonly name: string;
  /** Any one of these codes will do (a broken part can hide what depends on it). */
  readonly expect: DiagnosticCode | readonly DiagnosticCode[] | null;
  apply(d: Draw, spec: JobSpec): boolean;
}

/** Breaks the built definition the way an untyped (JavaScript) caller could. */
export interface LooseMutation {
  readonly name: string;
  apply(d: Draw, def: Record<string, unknown>): void;
}

const BAD_LENGTHS = [0, -1000, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 1e-3];
const BAD_IDENTIFIERS = ['', '1abc', 'a-b', 'a b', "o'brien", 'x`y', 'größe', 'a'.repeat(101), 'SELECT *', ';'];

const view = (d: Draw, s: JobSpec): ViewSpec => d.pick(s.views);
const feature = (d: Draw, s: JobSpec): { v: ViewSpec; f: AggSpec } => {
  const v = view(d, s);
  return { v, f: d.pick(v.features) };
};
/** A source some view reads (the others are not part of the job). */
const src = (d: Draw, s: JobSpec): SourceSpec => d.pick(s.sources.filter((_, i) => s.views.some((v) => v.sources.includes(i))));
/** Windows a feature actually uses (its own, else the view's). */
const windowsOf = (s: JobSpec): WindowSpec[] => s.views.flatMap((v) => [...(v.window ? [v.window] : []), ...v.features.flatMap((f) => (f.window ? [f.window] : []))]);
const sized = (s: JobSpec): WindowSpec[] => windowsOf(s).filter((w) => w.kind !== 'lifetime' && w.kind !== 'raw');
const setLength = (w: WindowSpec, value: number): void => {
  if (w.kind === 'tumbling' || w.kind === 'hopping') w.size = value;
  else if (w.kind === 'session') w.gap = value;
  else if (w.kind === 'sliding') w.range = value;
};
const fieldsOf = (s: JobSpec, i: number): SourceSpec['fields'] => s.sources[i]?.fields ?? [];

export const MUTATIONS: readonly Mutation[] = [
  { name: 'window length not positive', expect: 'FEATC_E2104', apply: (d, s) => { const ws = sized(s); if (ws.length === 0) return false; setLength(d.pick(ws), d.pick(BAD_LENGTHS)); return true; } },
  { name: 'interval of 1000 days or more', expect: 'FEATC_E2110', apply: (d, s) => {
    const length = d.pick([1000 * 86_400_000, 5000 * 86_400_000]);
    if (d.chance(0.5)) src(d, s).watermarkDelayMs = length;
    else feature(d, s).f.window = d.pick<WindowSpec>([{ kind: 'tumbling', size: length }, { kind: 'sliding', range: length }]);
    return true;
  } },
  { name: 'session window over several entity keys', expect: 'FEATC_E2109', apply: (d, s) => {
    const v = view(d, s);
    const keys = s.sources[v.sources[0] ?? 0]?.fields.filter((f) => v.sources.every((i) => s.sources[i]?.fields.some((g) => g.name === f.name && JSON.stringify(g.type) === JSON.stringify(f.type)))) ?? [];
    const shared = keys.filter((f) => f.name !== s.sources[v.sources[0] ?? 0]?.eventTime && !f.name.includes(';')).map((f) => f.name);
    if (shared.length < 2) return false;
    v.entity = shared.slice(0, 2);
    v.window = { kind: 'session', gap: 60_000 };
    for (const f of v.features) delete f.window;
    return true;
  } },
  { name: 'hop slide not dividing the size', expect: 'FEATC_E2105', apply: (d, s) => {
    const f = feature(d, s);
    f.f.window = d.pick<WindowSpec>([{ kind: 'hopping', size: 60_000, slide: 7_000 }, { kind: 'hopping', size: 1000, slide: 2000 }, { kind: 'hopping', size: 1000, slide: 0 }, { kind: 'hopping', size: 1000, slide: -1 }]);
    return true;
  } },
  { name: 'unknown window kind', expect: 'FEATC_E2103', apply: (d, s) => { feature(d, s).f.window = { kind: 'raw', value: d.pick([{ kind: 'tumble' }, 'tumbling', 5, { kind: 'toString' }]) }; return true; } },
  { name: 'no window at all', expect: 'FEATC_E2102', apply: (d, s) => { const v = view(d, s); delete v.window; for (const f of v.features) delete f.window; return true; } },
  { name: 'unknown aggregation field', expect: 'FEATC_E2202', apply: (d, s) => {
    const fs = s.views.flatMap((v) => v.features).filter((f) => f.field !== undefined);
    if (fs.length === 0) return false;
    const f = d.pick(fs);
    f.field = `${d.pick(['nope', 'userid ', ...HOSTILE_NAMES])}${d.pick(['', '_missing'])}`;
    while (fieldsOf(s, f.source).some((x) => x.name === f.field)) f.field += '_';
    return true;
  } },
  { name: 'unknown field in where', expect: 'FEATC_E2202', apply: (d, s) => { const { f } = feature(d, s); f.where = { kind: 'and', items: [{ kind: 'is-null', field: '\u0000missing', negated: false }] }; return true; } },
  { name: 'sum over a non-numeric field', expect: 'FEATC_E2203', apply: (d, s) => {
    const { v, f } = feature(d, s);
    const bad = fieldsOf(s, f.source).filter((x) => !['bigint', 'int', 'double'].includes(valueKind(x.type)) && !v.entity.includes(x.name));
    if (bad.length === 0) return false;
    Object.assign(f, { fn: d.pick(['sum', 'avg']), field: d.pick(bad).name });
    return true;
  } },
  { name: 'where literal of the wrong type', expect: 'FEATC_E2204', apply: (d, s) => {
    const { f } = feature(d, s);
    const target = fieldsOf(s, f.source).find((x) => ['bigint', 'int', 'double', 'string', 'boolean'].includes(valueKind(x.type)));
    if (!target) return false;
    const kind = valueKind(target.type);
    f.where = { kind: 'compare', op: '=', field: target.name, value: kind === 'string' ? d.pick([1, true]) : kind === 'boolean' ? 'true' : d.pick(['1', Number.NaN, true]) };
    return true;
  } },
  { name: 'two views with one name', expect: 'FEATC_E1102', apply: (d, s) => { s.views.push({ ...structuredClone(view(d, s)), outputs: [{ kind: 'kafka', topic: 'dup.view.out' }] }); return true; } },
  { name: 'two different sources with one name', expect: 'FEATC_E1103', apply: (d, s) => {
    const first = src(d, s);
    if (!first) return false;
    s.sources.push({ ...structuredClone(first), topic: 'other.topic', watermarkDelayMs: first.watermarkDelayMs + 1 });
    view(d, s).sources.push(s.sources.length - 1);
    return true;
  } },
  { name: 'derived feature named like a feature', expect: 'FEATC_E1105', apply: (d, s) => { const { v, f } = feature(d, s); v.derived.push({ name: f.name, node: { kind: 'feature', name: f.name } }); return true; } },
  { name: 'job without views', expect: 'FEATC_E2108', apply: (_d, s) => { s.views = []; return true; } },
  { name: 'view without features', expect: 'FEATC_E2206', apply: (d, s) => { const v = view(d, s); v.features = []; v.derived = []; v.online = {}; return true; } },
  { name: 'view without entity', expect: 'FEATC_E2208', apply: (d, s) => { view(d, s).entity = []; return true; } },
  { name: 'view without outputs', expect: 'FEATC_E2401', apply: (d, s) => { view(d, s).outputs = []; return true; } },
  { name: 'job name not an identifier', expect: 'FEATC_E1101', apply: (d, s) => { s.name = d.pick(BAD_IDENTIFIERS); return true; } },
  { name: 'view name not an identifier', expect: 'FEATC_E1101', apply: (d, s) => { view(d, s).name = d.pick(BAD_IDENTIFIERS); return true; } },
  { name: 'source name not an identifier', expect: 'FEATC_E1101', apply: (d, s) => { src(d, s).name = d.pick(BAD_IDENTIFIERS); return true; } },
  { name: 'bad topic', expect: 'FEATC_E1201', apply: (d, s) => { src(d, s).topic = d.pick(['', '.', '..', 'a b', "o'brien", 'x'.repeat(250), 'größe', 'a/b']); return true; } },
  { name: 'bad feature name', expect: 'FEATC_E1104', apply: (d, s) => { const { f } = feature(d, s); f.name = d.pick(['', '__x', '__as_of_ms', 'tab\there', 'nl\n', '\u007f', 'x'.repeat(129)]); return true; } },
  { name: 'placeholder in a name or string', expect: 'FEATC_E1107', apply: (d, s) => {
    const text = d.pick(PLACEHOLDER_TEXTS);
    const { v, f } = feature(d, s);
    switch (d.int(0, 4)) {
      case 0: f.name = text; break;
      case 1: src(d, s).fields.push({ name: text, type: { k: 'string' } }); break;
      case 2: v.derived.push({ name: 'dp', node: { kind: 'coalesce', items: [{ kind: 'feature', name: f.name }, { kind: 'literal', value: text }] } }); break;
      case 3: src(d, s).properties = { 'client.id': text }; break;
      default: {
        const target = fieldsOf(s, f.source).find((x) => valueKind(x.type) === 'string');
        if (!target) return false;
        f.where = { kind: 'in', field: target.name, values: ['ok', text] };
      }
    }
    return true;
  } },
  { name: 'feature named like an entity key or a window column', expect: 'FEATC_E1104', apply: (d, s) => {
    const { v, f } = feature(d, s);
    const name = d.pick([...v.entity, 'window_start', 'window_end', 'window_time']);
    if (d.chance(0.5)) f.name = name;
    else v.derived.push({ name, node: { kind: 'literal', value: 1 } });
    return true;
  } },
  { name: 'reserved or control-character field name', expect: 'FEATC_E1106', apply: (d, s) => { src(d, s).fields.push({ name: d.pick(['__x', '__rowtime', 'window_start', 'window_end', 'window_time', 'a\nb', '']), type: { k: 'string' } }); return true; } },
  { name: 'unsupported zod type', expect: 'FEATC_E1202', apply: (d, s) => { src(d, s).fields.push({ name: 'odd', type: { k: 'unsupported', zod: d.pick(['date', 'any', 'union'] as const) } }); return true; } },
  { name: 'unknown aggregation function', expect: 'FEATC_E2209', apply: (d, s) => { feature(d, s).f.fn = d.pick(['median', 'COUNT', '', 'toString', 'constructor']); return true; } },
  { name: 'unknown output kind', expect: 'FEATC_E2405', apply: (d, s) => { view(d, s).outputs.push({ kind: 'raw', value: d.pick([{ kind: 'redis-cluster' }, null, 'kafka', 7]) }); return true; } },
  { name: 'lastN n out of range', expect: 'FEATC_E2205', apply: (d, s) => {
    const { f } = feature(d, s);
    const field = fieldsOf(s, f.source).find((x) => !['array', 'row'].includes(valueKind(x.type)));
    if (!field) return false;
    Object.assign(f, { fn: 'lastN', field: field.name, n: d.pick([0, -1, 1001, 2.5, Number.NaN]), window: { kind: 'tumbling', size: 60_000 } });
    return true;
  } },
  { name: 'lastN over a lifetime window', expect: 'FEATC_E2107', apply: (d, s) => {
    const { f } = feature(d, s);
    const field = fieldsOf(s, f.source).find((x) => !['array', 'row'].includes(valueKind(x.type)));
    if (!field) return false;
    Object.assign(f, { fn: 'lastN', field: field.name, n: 3, window: { kind: 'lifetime' } });
    s.stateTtlMs = 3_600_000;
    return true;
  } },
  { name: 'firstValue over a hopping or session window', expect: 'FEATC_E2107', apply: (d, s) => {
    const { v, f } = feature(d, s);
    const field = fieldsOf(s, f.source).find((x) => !v.entity.includes(x.name));
    if (!field) return false;
    const hop: WindowSpec = { kind: 'hopping', size: 120_000, slide: 60_000 };
    // (a session over several keys is FEATC_E2109 first)
    Object.assign(f, { fn: d.pick(['firstValue', 'lastValue']), field: field.name, window: v.entity.length > 1 ? hop : d.pick<WindowSpec>([hop, { kind: 'session', gap: 60_000 }]) });
    delete f.n;
    return true;
  } },
  { name: 'aggregating the entity key over a session window', expect: 'FEATC_E2111', apply: (d, s) => {
    const { v, f } = feature(d, s);
    if (v.entity.length !== 1) return false;
    Object.assign(f, { fn: d.pick(['avg', 'max', 'countDistinct']), field: v.entity[0], window: { kind: 'session', gap: 60_000 } });
    delete f.n;
    return true;
  } },
  { name: 'lifetime without a state TTL', expect: 'FEATC_E2106', apply: (d, s) => {
    const v = view(d, s);
    v.window = { kind: 'lifetime' };
    for (const f of v.features) {
      delete f.window;
      if (f.fn === 'lastN') { f.fn = 'count'; delete f.field; delete f.n; }
    }
    delete s.stateTtlMs;
    return true;
  } },
  { name: 'derived references an unknown feature', expect: 'FEATC_E2301', apply: (d, s) => { view(d, s).derived.push({ name: 'dx', node: { kind: 'ratio', left: { kind: 'feature', name: 'missing feature' }, right: { kind: 'literal', value: 2 } } }); return true; } },
  { name: 'derived features in a cycle', expect: 'FEATC_E2302', apply: (d, s) => {
    const v = view(d, s);
    v.derived.push({ name: 'cyc_a', node: { kind: 'arith', op: '+', left: { kind: 'feature', name: 'cyc_b' }, right: { kind: 'literal', value: 1 } } },
      { name: 'cyc_b', node: { kind: 'arith', op: '*', left: { kind: 'feature', name: 'cyc_a' }, right: { kind: 'literal', value: 2 } } });
    return true;
  } },
  { name: 'derived number SQL cannot print', expect: 'FEATC_E2305', apply: (d, s) => {
    const value = d.pick([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    const v = view(d, s);
    const n = { kind: 'feature' as const, name: d.pick(v.features).name };
    v.derived.push({ name: 'dnan', node: d.chance(0.5) ? { kind: 'arith', op: '*', left: n, right: { kind: 'literal', value } } : { kind: 'coalesce', items: [n, { kind: 'literal', value }] } });
    return true;
  } },
  { name: 'ratio over a constant zero', expect: 'FEATC_E2307', apply: (d, s) => {
    const v = view(d, s);
    const zero = d.pick([{ kind: 'literal' as const, value: 0 }, { kind: 'arith' as const, op: '-' as const, left: { kind: 'literal' as const, value: 2 }, right: { kind: 'literal' as const, value: 2 } }]);
    const numeric = v.features.filter((f) => ['count', 'countDistinct', 'approxCountDistinct', 'sum', 'avg'].includes(f.fn));
    if (numeric.length === 0) return false;
    v.derived.push({ name: 'per_zero', node: { kind: 'ratio', left: { kind: 'feature', name: d.pick(numeric).name }, right: zero } });
    return true;
  } },
  { name: 'coalesce of mixed types', expect: 'FEATC_E2306', apply: (d, s) => {
    const v = view(d, s);
    const numeric = v.features.filter((f) => ['count', 'countDistinct', 'approxCountDistinct', 'sum', 'avg'].includes(f.fn));
    if (numeric.length === 0) return false;
    v.derived.push({ name: 'mixed', node: { kind: 'coalesce', items: [{ kind: 'feature', name: d.pick(numeric).name }, { kind: 'literal', value: d.pick(['x', true]) }] } });
    return true;
  } },
  { name: 'constant derived feature', expect: 'FEATC_E2308', apply: (d, s) => {
    view(d, s).derived.push({ name: 'const_d', node: d.pick([{ kind: 'literal', value: 5 }, { kind: 'ratio', left: { kind: 'literal', value: -1 }, right: { kind: 'literal', value: 42 } }]) });
    return true;
  } },
  { name: 'field name longer than 128 characters', expect: 'FEATC_E1106', apply: (d, s) => { src(d, s).fields.push({ name: 'f'.repeat(d.int(129, 300)), type: { k: 'string' } }); return true; } },
  { name: 'arithmetic on a string', expect: 'FEATC_E2304', apply: (d, s) => {
    const v = view(d, s);
    v.derived.push({ name: 'dstr', node: { kind: 'arith', op: '+', left: { kind: 'literal', value: "o'brien" }, right: { kind: 'feature', name: d.pick(v.features).name } } });
    return true;
  } },
  { name: 'derived across windows', expect: 'FEATC_E2303', apply: (d, s) => {
    const v = view(d, s);
    v.features.push({ name: 'w_a', fn: 'count', source: v.sources[0] ?? 0, window: { kind: 'tumbling', size: 60_000 } },
      { name: 'w_b', fn: 'count', source: v.sources[0] ?? 0, window: { kind: 'tumbling', size: 120_000 } });
    v.derived.push({ name: 'w_ab', node: { kind: 'ratio', left: { kind: 'feature', name: 'w_a' }, right: { kind: 'feature', name: 'w_b' } } });
    v.outputs = [{ kind: 'kafka', topic: 'cross.windows' }];
    return true;
  } },
  { name: 'redis output over several windows', expect: 'FEATC_E2406', apply: (d, s) => {
    const v = view(d, s);
    v.features.push({ name: 'r_a', fn: 'count', source: v.sources[0] ?? 0, window: { kind: 'tumbling', size: 60_000 } },
      { name: 'r_b', fn: 'count', source: v.sources[0] ?? 0, window: { kind: 'hopping', size: 120_000, slide: 60_000 } });
    v.outputs = [{ kind: 'redis', ttlMs: 60_000, topic: 'multi.window.redis' }];
    return true;
  } },
  { name: 'bad parallelism', expect: 'FEATC_E2108', apply: (d, s) => { s.parallelism = d.pick([0, -1, 1.5, 5000, Number.NaN]); return true; } },
  { name: 'checkpoint interval out of range', expect: 'FEATC_E2108', apply: (d, s) => { s.checkpointMs = d.pick([0, 999, 10 * 60_000 + 1, 86_400_000]); return true; } },
  { name: 'secret with a bad env name', expect: 'FEATC_E1205', apply: (d, s) => { src(d, s).properties = { 'sasl.jaas.config': { env: d.pick(['lower', '1X', 'A-B', '', 'A B', '${X}']) } }; return true; } },
  { name: 'reserved Kafka property', expect: 'FEATC_E1206', apply: (d, s) => { src(d, s).properties = { [d.pick(['bootstrap.servers', 'group.id', 'isolation.level', 'transactional.id'])]: 'x' }; return true; } },
  { name: 'bad format or startFrom', expect: 'FEATC_E1207', apply: (d, s) => { const x = src(d, s); if (d.chance(0.5)) x.format = d.pick(['avro', 'JSON', '']); else x.startFrom = d.pick(['beginning', '', 'EARLIEST']); return true; } },
  { name: 'two outputs on one topic', expect: 'FEATC_E2402', apply: (d, s) => {
    const v = view(d, s);
    const topic = d.chance(0.5) ? src(d, s).topic : 'dup.topic';
    v.outputs.push({ kind: 'kafka', topic }, ...(topic === 'dup.topic' ? [{ kind: 'kafka' as const, topic }] : []));
    return true;
  } },
  { name: 'aggregation over a source outside the view', expect: 'FEATC_E2201', apply: (d, s) => {
    const v = view(d, s);
    const outside = s.sources.map((_, i) => i).filter((i) => !v.sources.includes(i));
    if (outside.length === 0) return false;
    (d.pick(v.features)).source = d.pick(outside);
    return true;
  } },
  { name: 'entity key missing from a source', expect: 'FEATC_E2207', apply: (d, s) => { view(d, s).entity.push('no such key'); return true; } },
  { name: 'entity key typed differently across sources', expect: 'FEATC_E2210', apply: (d, s) => {
    const v = view(d, s);
    if (v.sources.length < 2) return false;
    const key = v.entity[0] ?? '';
    const other = s.sources[v.sources[1] ?? 0];
    const f = other?.fields.find((x) => x.name === key);
    if (!other || !f) return false;
    other.fields = other.fields.map((x) => (x === f ? { ...f, type: { k: valueKind(f.type) === 'string' ? 'double' : 'string' } } : x));
    return true;
  } },
  { name: 'event time not a time', expect: 'FEATC_E1203', apply: (d, s) => {
    const x = src(d, s);
    // int/bigint hold millis and strings timestamps; a double needs unit 'seconds'; the rest cannot hold a time.
    const other = x.fields.find((f) => !['bigint', 'int', 'string', 'enum'].includes(f.type.k));
    x.eventTime = other && d.chance(0.5) ? other.name : 'no-such-time';
    return true;
  } },
  { name: 'unknown key field', expect: 'FEATC_E1204', apply: (d, s) => { src(d, s).key = ['not a field']; return true; } },
  { name: 'online options of an unknown feature', expect: 'FEATC_E2403', apply: (d, s) => { view(d, s).online['ghost feature'] = { ttlMs: 1000 }; return true; } },
  { name: 'online default of the wrong type', expect: 'FEATC_E2404', apply: (d, s) => { const { v, f } = feature(d, s); v.online[f.name] = { default: d.pick([{ nested: true }, [1], Number.NaN]) }; return true; } },
  { name: 'negative watermark delay', expect: 'FEATC_E2101', apply: (d, s) => { src(d, s).watermarkDelayMs = d.pick([-1, 0.5, Number.NaN]); return true; } },
  { name: 'redis TTL of zero', expect: 'FEATC_E2112', apply: (d, s) => { view(d, s).outputs.push({ kind: 'redis', ttlMs: 0, topic: 'zero.ttl' }); return true; } },
];

/** Structural garbage: missing or mistyped parts, as plain JavaScript could pass them. */
export const LOOSE_MUTATIONS: readonly LooseMutation[] = [
  { name: 'views missing', apply: (_d, def) => { delete def['views']; } },
  { name: 'null view', apply: (_d, def) => { def['views'] = [...(def['views'] as unknown[]), null]; } },
  { name: 'null feature', apply: (d, def) => { const v = d.pick(def['views'] as Record<string, unknown>[]); v['features'] = { ...(v['features'] as object), broken: null }; } },
  { name: 'features not an object', apply: (d, def) => { d.pick(def['views'] as Record<string, unknown>[])['features'] = d.pick([null, 'count', 5, []]); } },
  { name: 'null output', apply: (d, def) => { const v = d.pick(def['views'] as Record<string, unknown>[]); v['outputs'] = [null]; } },
  { name: 'duration as a bare number', apply: (d, def) => { d.pick(def['views'] as Record<string, unknown>[])['window'] = { kind: 'tumbling', size: 60_000 }; } },
  { name: 'null source in a view', apply: (d, def) => { const v = d.pick(def['views'] as Record<string, unknown>[]); v['sources'] = [...(v['sources'] as unknown[]), null]; } },
  { name: 'entity not an array', apply: (d, def) => { d.pick(def['views'] as Record<string, unknown>[])['entity'] = d.pick(['userId', null, 5]); } },
  { name: 'malformed derived expression', apply: (d, def) => {
    const v = d.pick(def['views'] as Record<string, unknown>[]);
    const bad = d.pick([{ kind: 'derived' }, null, { kind: 'derived', node: { kind: 'arith', op: '/ 0 --', left: { kind: 'literal', value: 1 }, right: { kind: 'literal', value: 2 } } }, { kind: 'derived', node: { kind: 'coalesce', items: [] } }]);
    v['derived'] = { ...(v['derived'] as object), bad };
  } },
  { name: 'predicate of an unknown kind', apply: (d, def) => {
    const v = d.pick(def['views'] as Record<string, unknown>[]);
    const features = v['features'] as Record<string, Record<string, unknown>>;
    const [name, agg] = Object.entries(features)[0] ?? [];
    const where = d.pick([{ kind: 'bogus' }, { kind: 'not' }, { kind: 'and' }, { kind: 'in', field: 'x' }, { kind: 'compare', op: '= 1 OR 1 = 1 --', field: 'x', value: 1 }, 5]);
    if (name && agg) features[name] = { ...agg, where };
  } },
];
