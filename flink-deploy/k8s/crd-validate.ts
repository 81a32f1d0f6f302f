import { childPath, validateObjectMeta, type Violation } from './object-meta.js';

export type { Violation } from './object-meta.js';

/** One node of a CRD's `openAPIV3Schema` (a structural schema, OpenAPI v3 plus `x-kubernetes-*`). */
export type SchemaNode = Record<string, unknown>;

export interface CrdDocument {
  apiVersion: string;
  kind: 'CustomResourceDefinition';
  spec: {
    group: string;
    names: { kind: string; plural?: string };
    versions: { name: string; served?: boolean; storage?: boolean; schema?: { openAPIV3Schema?: SchemaNode } }[];
  };
}

/** Keywords that document a schema but constrain nothing. */
const ANNOTATIONS = new Set(['description', 'title', 'default', 'example', 'externalDocs', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type']);
/** Keywords this validator evaluates; any other keyword is an error, so nothing passes unchecked. */
const EVALUATED = new Set([
  'type', 'properties', 'required', 'enum', 'items', 'additionalProperties', 'nullable', 'format', 'pattern', 'anyOf', 'allOf', 'oneOf',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems',
  'minProperties', 'maxProperties', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string', 'x-kubernetes-embedded-resource',
]);

export class UnsupportedSchemaError extends Error {}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function matchesType(v: unknown, type: string): boolean {
  const t = typeOf(v);
  return t === type || (type === 'number' && t === 'integer');
}

const FORMAT_RANGES: Record<string, [number, number]> = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] };

function checkScalar(v: unknown, s: SchemaNode, path: string, out: Violation[]): void {
  const fail = (message: string): void => { out.push({ path, message }); };
  if (Array.isArray(s.enum) && !s.enum.some((e) => e === v)) fail(`must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${JSON.stringify(v)}`);
  if (typeof v === 'number') {
    const range = typeof s.format === 'string' ? FORMAT_RANGES[s.format] : undefined;
    if (range && (v < range[0] || v > range[1])) fail(`${v} is out of range for format ${String(s.format)}`);
    if (typeof s.minimum === 'number' && (s.exclusiveMinimum === true ? v <= s.minimum : v < s.minimum)) fail(`must be ${s.exclusiveMinimum === true ? '>' : '≥'} ${s.minimum}, got ${v}`);
    if (typeof s.maximum === 'number' && (s.exclusiveMaximum === true ? v >= s.maximum : v > s.maximum)) fail(`must be ${s.exclusiveMaximum === true ? '<' : '≤'} ${s.maximum}, got ${v}`);
  }
  if (typeof v === 'string') {
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) fail(`"${v}" does not match ${s.pattern}`);
    if (typeof s.minLength === 'number' && v.length < s.minLength) fail(`must be at least ${s.minLength} characters`);
    if (typeof s.maxLength === 'number' && v.length > s.maxLength) fail(`must be at most ${s.maxLength} characters`);
  }
}

function checkArray(v: unknown[], s: SchemaNode, path: string, out: Violation[]): void {
  if (typeof s.minItems === 'number' && v.length < s.minItems) out.push({ path, message: `must have at least ${s.minItems} items` });
  if (typeof s.maxItems === 'number' && v.length > s.maxItems) out.push({ path, message: `must have at most ${s.maxItems} items` });
  if (s.uniqueItems === true && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) out.push({ path, message: 'items must be unique' });
  if (isRecord(s.items)) v.forEach((item, i) => validateNode(item, s.items as SchemaNode, childPath(path, i), out));
}

const EMBEDDED_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

function checkObject(v: Record<string, unknown>, s: SchemaNode, path: string, out: Violation[], root: boolean): void {
  const props = isRecord(s.properties) ? s.properties : {};
  const extra = s.additionalProperties;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = root || s['x-kubernetes-embedded-resource'] === true;
  for (const name of Array.isArray(s.required) ? s.required : []) {
    if (typeof name === 'string' && !(name in v)) out.push({ path: childPath(path, name), message: 'is required' });
  }
  const count = Object.keys(v).length;
  if (typeof s.minProperties === 'number' && count < s.minProperties) out.push({ path, message: `must have at least ${s.minProperties} fields` });
  if (typeof s.maxProperties === 'number' && count > s.maxProperties) out.push({ path, message: `must have at most ${s.maxProperties} fields` });
  for (const [key, value] of Object.entries(v)) {
    const p = childPath(path, key);
    const prop = props[key];
    if (isRecord(prop)) validateNode(value, prop, p, out);
    else if (isRecord(extra)) validateNode(value, extra, p, out);
    else if (embedded && EMBEDDED_FIELDS.has(key) && !(key in props)) continue;
    else if (extra !== true && !preserve) out.push({ path: p, message: `unknown field "${key}"` });
  }
}

function validateNode(v: unknown, s: SchemaNode, path: string, out: Violation[], root = false): void {
  for (const key of Object.keys(s)) {
    if (!EVALUATED.has(key) && !ANNOTATIONS.has(key)) throw new UnsupportedSchemaError(`schema keyword "${key}" at ${path || '(root)'} is not supported by this validator`);
  }
  if (v === null) {
    if (s.nullable !== true) out.push({ path, message: 'must not be null' });
    return;
  }
  if (s['x-kubernetes-int-or-string'] === true) {
    if (typeOf(v) !== 'integer' && typeof v !== 'string') out.push({ path, message: `must be an integer or a string, got ${typeOf(v)}` });
    return;
  }
  if (typeof s.type === 'string' && !matchesType(v, s.type)) {
    out.push({ path, message: `must be of type ${s.type}, got ${typeOf(v)} ${String(JSON.stringify(v)).slice(0, 60)}` });
    return;
  }
  if (Array.isArray(s.allOf)) for (const sub of s.allOf) if (isRecord(sub)) validateNode(v, sub, path, out);
  for (const [kw, ok] of [['anyOf', (n: number) => n >= 1], ['oneOf', (n: number) => n === 1]] as const) {
    const branches = s[kw];
    if (!Array.isArray(branches)) continue;
    const passing = branches.filter((b) => isRecord(b) && (() => { const o: Violation[] = []; validateNode(v, b, path, o); return o.length === 0; })()).length;
    if (!ok(passing)) out.push({ path, message: `must match ${kw === 'anyOf' ? 'at least one' : 'exactly one'} of ${branches.length} schemas (${passing} matched)` });
  }
  if (Array.isArray(v)) checkArray(v, s, path, out);
  else if (isRecord(v)) checkObject(v, s, path, out, root);
  else checkScalar(v, s, path, out);
}

/** Violations of `value` against one schema node (no apiVersion/kind/metadata handling). */
export function validateAgainstSchema(value: unknown, schema: SchemaNode, path = ''): Violation[] {
  const out: Violation[] = [];
  validateNode(value, schema, path, out);
  return out;
}

/** The `openAPIV3Schema` of a served version of the CRD. */
export function crdVersionSchema(crd: CrdDocument, version: string): SchemaNode {
  const v = crd.spec.versions.find((x) => x.name === version);
  if (!v) throw new Error(`CRD ${crd.spec.names.kind} has no version ${version} (it has ${crd.spec.versions.map((x) => x.name).join(', ')})`);
  if (v.served === false) throw new Error(`CRD ${crd.spec.names.kind} version ${version} is not served`);
  const schema = v.schema?.openAPIV3Schema;
  if (!schema) throw new Error(`CRD ${crd.spec.names.kind} version ${version} has no openAPIV3Schema`);
  return schema;
}

/**
 * Violations of a custom resource against its CRD: `apiVersion` names the CRD's group and a served
 * version, `kind` matches, `metadata` is valid, and the rest follows that version's schema. Stricter
 * than the API server in two ways, on purpose: unknown fields are errors (the server prunes them
 * silently, or rejects them with `kubectl apply --validate=strict`), and so are nulls in fields that
 * are not `nullable` (the server prunes those).
 */
export function validateCustomResource(obj: unknown, crd: CrdDocument): Violation[] {
  if (!isRecord(obj)) return [{ path: '', message: 'a manifest must be an object' }];
  const { group, names } = crd.spec;
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const [g, version] = apiVersion.split('/');
  const out: Violation[] = [];
  if (obj.kind !== names.kind) out.push({ path: 'kind', message: `must be ${names.kind}, got ${JSON.stringify(obj.kind)}` });
  if (g !== group || version === undefined) {
    out.push({ path: 'apiVersion', message: `must be ${group}/<version>, got ${JSON.stringify(obj.apiVersion)}` });
    return out;
  }
  let schema: SchemaNode;
  try {
    schema = crdVersionSchema(crd, version);
  } catch (err) {
    return [...out, { path: 'apiVersion', message: (err as Error).message }];
  }
  out.push(...validateObjectMeta(obj.metadata));
  validateNode(obj, schema, '', out, true);
  return out;
}

/** Every keyword anywhere in a schema that this validator does not evaluate, with where it is. */
export function unsupportedKeywords(schema: SchemaNode, path = ''): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (!EVALUATED.has(key) && !ANNOTATIONS.has(key)) found.push(`${path || '(root)'}: ${key}`);
    if (key === 'properties' && isRecord(value)) {
      for (const [name, sub] of Object.entries(value)) if (isRecord(sub)) found.push(...unsupportedKeywords(sub, childPath(path, name)));
    } else if ((key === 'items' || key === 'additionalProperties') && isRecord(value)) {
      found.push(...unsupportedKeywords(value, `${path}.${key}`));
    } else if ((key === 'anyOf' || key === 'allOf' || key === 'oneOf') && Array.isArray(value)) {
      value.forEach((sub, i) => { if (isRecord(sub)) found.push(...unsupportedKeywords(sub, `${path}.${key}[${i}]`)); });
    }
  }
  return found;
}
