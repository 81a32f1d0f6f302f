import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCrds, type CrdDocument } from '../../../flink-deploy/k8s/index.js';

/**
 * The Flink Kubernetes Operator's CRDs, read in place from the shared test data (never copied into
 * the repository): ../shared/data next to the checkout, else /work/shared/data. FEATC_OPERATOR_CRDS overrides the directory. A missing directory fails the
 * test: nothing is skipped.
 */
const CANDIDATES = [resolve('..', 'shared', 'data', 'flink-kubernetes-operator-crds'), '/work/shared/data/flink-kubernetes-operator-crds'];
export const OPERATOR_CRDS_DIR = process.env.FEATC_OPERATOR_CRDS ?? CANDIDATES.find((dir) => existsSync(dir)) ?? CANDIDATES[0]!;

export function operatorCrds(): { flinkDeployment: CrdDocument; flinkSessionJob: CrdDocument } {
  if (!existsSync(OPERATOR_CRDS_DIR)) {
    throw new Error(`the Flink Kubernetes Operator CRDs are missing: expected them in ${OPERATOR_CRDS_DIR} `
      + '(flinkdeployments.flink.apache.org-v1.yml, flinksessionjobs.flink.apache.org-v1.yml from the operator\'s Helm chart, '
      + 'helm/flink-kubernetes-operator/crds/); set FEATC_OPERATOR_CRDS to their directory');
  }
  const crds = loadCrds(OPERATOR_CRDS_DIR);
  const byKind = (kind: string): CrdDocument => {
    const crd = crds.find((c) => c.spec.names.kind === kind);
    if (!crd) throw new Error(`no ${kind} CRD in ${OPERATOR_CRDS_DIR} (files: ${join(OPERATOR_CRDS_DIR, '*.yml')})`);
    return crd;
  };
  return { flinkDeployment: byKind('FlinkDeployment'), flinkSessionJob: byKind('FlinkSessionJob') };
}
