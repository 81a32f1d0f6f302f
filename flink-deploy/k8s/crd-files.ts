import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { validateCustomResource, type CrdDocument, type Violation } from './crd-validate.js';
import { parseYamlDocuments } from './yaml.js';

/** The CRDs found in a directory (`*.yaml` / `*.yml`, every document of kind CustomResourceDefinition). */
export function loadCrds(dir: string): CrdDocument[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`CRD directory ${dir} does not exist`);
  const crds: CrdDocument[] = [];
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    for (const doc of parseYamlDocuments(readFileSync(join(dir, file), 'utf8'), file)) {
      const d = doc as Partial<CrdDocument>;
      if (d.kind === 'CustomResourceDefinition' && d.spec?.group && d.spec.names?.kind && Array.isArray(d.spec.versions)) crds.push(d as CrdDocument);
    }
  }
  if (crds.length === 0) throw new Error(`no CustomResourceDefinition in ${dir}`);
  return crds;
}

/** The CRD that defines a manifest's `apiVersion` group and `kind`, if any. */
export function crdFor(crds: readonly CrdDocument[], manifest: { apiVersion?: unknown; kind?: unknown }): CrdDocument | undefined {
  const group = typeof manifest.apiVersion === 'string' ? manifest.apiVersion.split('/')[0] : undefined;
  return crds.find((c) => c.spec.group === group && c.spec.names.kind === manifest.kind);
}

export interface ManifestCheck { kind: string; name: string; violations: Violation[] }

/**
 * Validates every manifest a CRD defines; manifests of built-in kinds (ConfigMap, Deployment, …)
 * are skipped and not listed.
 */
export function validateManifests(manifests: readonly unknown[], crds: readonly CrdDocument[]): ManifestCheck[] {
  const checks: ManifestCheck[] = [];
  for (const m of manifests) {
    const o = m as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
    const crd = crdFor(crds, o);
    if (crd) checks.push({ kind: String(o.kind), name: String(o.metadata?.name), violations: validateCustomResource(m, crd) });
  }
  return checks;
}
