import { z } from 'zod';
import { avg, count, featureView, job, kafka, lastValue, max, min, minutes, seconds, source, sum, tumbling, type AggregationDef, type JobDef } from '../../dsl/index.js';

const payment = z.object({ userId: z.string(), kind: z.string(), amount: z.number(), ts: z.number().int() });
export type Payment = z.infer<typeof payment>;
export const PAYMENT_KINDS = ['card', 'wire', 'cash'] as const;

function paymentSource(topic: string) {
  return source({ name: 'payments', topic, schema: payment, eventTime: 'ts', watermarkDelay: seconds(2), idleTimeout: seconds(5), key: ['userId'], format: 'json' });
}
type PaymentSource = ReturnType<typeof paymentSource>;

/** 20 aggregations over one source, one key and one window: what a real "user spend" view looks like. */
function twentyFeatures(src: PaymentSource): Record<string, AggregationDef<PaymentSource, unknown>> {
  const f: Record<string, AggregationDef<PaymentSource, unknown>> = {
    n: count(src), amount_sum: sum(src, 'amount'), amount_avg: avg(src, 'amount'), amount_min: min(src, 'amount'),
    amount_max: max(src, 'amount'), amount_last: lastValue(src, 'amount'),
    big_n: count(src, { where: (w) => w.gt('amount', 500) }), big_sum: sum(src, 'amount', { where: (w) => w.gt('amount', 500) }),
  };
  for (const k of PAYMENT_KINDS) {
    f[`${k}_n`] = count(src, { where: (w) => w.eq('kind', k) });
    f[`${k}_sum`] = sum(src, 'amount', { where: (w) => w.eq('kind', k) });
    f[`${k}_max`] = max(src, 'amount', { where: (w) => w.eq('kind', k) });
    f[`${k}_avg`] = avg(src, 'amount', { where: (w) => w.eq('kind', k) });
  }
  return f;
}

export interface WideJobs {
  fused: JobDef;
  unfused: JobDef;
  features: number;
}

/**
 * The same 20 features twice: one view (the compiler fuses them into one aggregation) and 20
 * single-feature views (20 aggregations, 20 INSERTs: the query-per-feature way).
 */
export function wideJobs(opts: { run: string; inputTopic: string; outputTopic: (i: number) => string; checkpointSeconds: number }): WideJobs {
  const src = paymentSource(opts.inputTopic);
  const features = twentyFeatures(src);
  const window = tumbling(minutes(1));
  const fusedView = featureView({ name: 'spend', entity: ['userId'], sources: [src], window, features, outputs: [kafka({ topic: opts.outputTopic(0) })] });
  const single = Object.entries(features).map(([name, agg], i) =>
    featureView({ name: `spend_${name}`, entity: ['userId'], sources: [src], window, features: { [name]: agg }, outputs: [kafka({ topic: opts.outputTopic(i + 1) })] }));
  const common = { parallelism: 1, checkpointInterval: seconds(opts.checkpointSeconds) };
  return {
    fused: job({ name: `bench_fused_${opts.run}`, views: [fusedView], ...common }) as unknown as JobDef,
    unfused: job({ name: `bench_unfused_${opts.run}`, views: single, ...common }) as unknown as JobDef,
    features: Object.keys(features).length,
  };
}
