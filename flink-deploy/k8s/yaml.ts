import yaml from 'js-yaml';

/**
 * YAML in and out for Kubernetes manifests. Output is deterministic: keys keep the order the
 * builders give them, no anchors, no line folding, multi-line strings as literal blocks, and any
 * string a YAML 1.1 reader (kubectl) would take for another type ('1', 'true', 'yes', 'on') quoted.
 */
export function toYamlDocuments(docs: readonly unknown[]): string {
  return docs.map((d) => `---\n${yaml.dump(d, { noRefs: true, lineWidth: -1, sortKeys: false })}`).join('');
}

/** Every document of a (multi-document) YAML text; empty documents are dropped. */
export function parseYamlDocuments(text: string, filename?: string): unknown[] {
  return yaml.loadAll(text, null, filename === undefined ? {} : { filename }).filter((d) => d !== null && d !== undefined);
}

export function parseYaml(text: string, filename?: string): unknown {
  return yaml.load(text, filename === undefined ? {} : { filename });
}
