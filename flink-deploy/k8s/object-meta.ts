/** Kubernetes object names, labels and `metadata`, checked the way the API server checks them. */
export interface Violation {
  /** Where in the object, e.g. `spec.job.parallelism` or `metadata.labels["featc/job"]`. */
  path: string;
  message: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

export function isDnsLabel(s: string): boolean {
  return s.length <= 63 && DNS_LABEL.test(s);
}

export function isDnsSubdomain(s: string): boolean {
  return s.length <= 253 && DNS_SUBDOMAIN.test(s);
}

/** `prefix/name` or `name`: prefix a DNS subdomain, name ≤ 63 characters of `[A-Za-z0-9-_.]`. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  return (prefix === undefined || isDnsSubdomain(prefix)) && name.length <= 63 && LABEL_NAME.test(name);
}

export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && LABEL_NAME.test(value));
}

/** `a.b`, `a[0]`, `a["x.y/z"]`: readable paths for violations. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

const OBJECT_META_FIELDS = new Set([
  'name', 'generateName', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences', 'uid',
  'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink',
]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringMap(value: unknown, path: string, keyOk: (k: string) => boolean, valueOk: (v: string) => boolean, what: string): Violation[] {
  if (!isRecord(value)) return [{ path, message: `must be a map of strings, got ${JSON.stringify(value)}` }];
  const out: Violation[] = [];
  for (const [k, v] of Object.entries(value)) {
    const p = childPath(path, k);
    if (!keyOk(k)) out.push({ path: p, message: `invalid ${what} key "${k}"` });
    if (typeof v !== 'string') out.push({ path: p, message: `must be a string, got ${typeof v}` });
    else if (!valueOk(v)) out.push({ path: p, message: `invalid ${what} value "${v}" (≤ 63 characters of [A-Za-z0-9-_.], alphanumeric at both ends)` });
  }
  return out;
}

/** A namespaced object's `metadata`: a name (DNS subdomain), an optional namespace, valid labels and annotations. */
export function validateObjectMeta(meta: unknown, path = 'metadata'): Violation[] {
  if (!isRecord(meta)) return [{ path, message: 'is required and must be an object' }];
  const out: Violation[] = [];
  for (const key of Object.keys(meta)) if (!OBJECT_META_FIELDS.has(key)) out.push({ path: childPath(path, key), message: 'unknown field' });
  const { name, generateName, namespace, labels, annotations } = meta;
  if (name === undefined && generateName === undefined) out.push({ path: `${path}.name`, message: 'is required' });
  if (name !== undefined && (typeof name !== 'string' || !isDnsSubdomain(name))) {
    out.push({ path: `${path}.name`, message: `"${String(name)}" is not a DNS subdomain (lower case alphanumerics, '-' and '.', ≤ 253 characters)` });
  }
  if (namespace !== undefined && (typeof namespace !== 'string' || !isDnsLabel(namespace))) {
    out.push({ path: `${path}.namespace`, message: `"${String(namespace)}" is not a DNS label` });
  }
  if (labels !== undefined) out.push(...stringMap(labels, `${path}.labels`, isLabelKey, isLabelValue, 'label'));
  if (annotations !== undefined) out.push(...stringMap(annotations, `${path}.annotations`, isLabelKey, () => true, 'annotation'));
  return out;
}
