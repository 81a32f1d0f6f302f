/**
 * Every name featc gives something outside the IR: Kafka topics it defaults, the tables, views and
 * models of the generated SQL, consumer groups and transactional ids. The physical plan
 * (physical-plan.ts) is built from these; printers and the job graph read the names from the plan.
 */

/** Default feature topic of a view's Redis output (CONTRACTS.md). */
export function defaultFeatureTopic(view: string): string {
  return `featc.features.${view}`;
}

/** Default dead-letter topic of a source (DSL `deadLetterTopic`). */
export function defaultDeadLetterTopic(job: string, source: string): string {
  return `featc.dlq.${job}.${source}`;
}

/** The SQL relations of one source, in the order they are created. */
export function sourceNames(job: string, source: string) {
  return {
    /** The Kafka table: each record's text, partition, offset, gate and watermark. */
    raw: `src_${source}__raw`,
    /** Every field path read from the canonical text. */
    fields: `src_${source}__fields`,
    /** Typed fields and what is wrong with the record, in one computed-once ROW. */
    checked: `src_${source}__checked`,
    /** The well-formed events: what views and steps read. */
    wellFormed: `src_${source}`,
    /** The well-formed events not behind the watermark: what views read. */
    onTime: `src_${source}__on_time`,
    consumerGroup: `featc.${job}.${source}`,
    deadLetterSink: `dlq_${source}`,
    deadLetterTransactionalIdPrefix: `featc.${job}.dlq.${source}`,
  };
}

/** `<view>__<window slug>`: the fused operator's id and the SQL view it prints to (stable across feature edits). */
export function operatorName(view: string, windowSlug: string): string {
  return `${view}__${windowSlug}`;
}

/** The UNION ALL view feeding an operator that reads several sources. */
export function operatorInputName(operator: string): string {
  return `${operator}__input`;
}

/** The exactly-once sink of one output of a fused operator (`kafka`, `redis`, `kafka1`, …). */
export function viewSinkNames(job: string, operator: string, output: string) {
  return { table: `sink_${operator}__${output}`, transactionalIdPrefix: `featc.${job}.${operator}.${output}` };
}

/** The SQL objects of one inference step. */
export function stepNames(job: string, step: string) {
  const sink = (suffix: string) => ({ table: `sink_${step}__${suffix}`, transactionalIdPrefix: `featc.${job}.${step}.${suffix}` });
  return {
    model: `${step}__model`,
    input: `${step}__input`,
    view: step,
    output: (index: number) => sink(`kafka${index === 0 ? '' : index}`),
    deadLetter: sink('dead_letter'),
  };
}
