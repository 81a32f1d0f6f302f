import type { IrField } from './types.js';

/** A connector property value: text or an environment-variable placeholder. */
export type IrPropertyValue = { readonly kind: 'text'; readonly value: string } | { readonly kind: 'env'; readonly name: string };

/**
 * How a source's event-time field encodes time: epoch millis or seconds in a number, or a
 * timestamp string (ISO-8601 or `yyyy-MM-dd HH:mm:ss[.SSS]`) read in `zone` when it has no offset.
 */
export type IrEventTime =
  | { readonly field: string; readonly encoding: 'epoch-millis' }
  | { readonly field: string; readonly encoding: 'epoch-seconds' }
  | { readonly field: string; readonly encoding: 'timestamp-text'; readonly zone: string };

/** A source of events. The union grows with new connectors. */
export type IrSource = {
  readonly kind: 'kafka-source';
  readonly name: string;
  readonly topic: string;
  readonly format: 'json';
  readonly fields: readonly IrField[];
  readonly eventTime: IrEventTime;
  readonly watermarkDelayMs: number;
  readonly idleTimeoutMs: number | null;
  readonly startFrom: 'earliest' | 'latest' | 'group';
  readonly key: readonly string[];
  readonly properties: readonly { readonly key: string; readonly value: IrPropertyValue }[];
  /** Where malformed and late records go; `topic` null means `featc.dlq.<job>.<source>`. */
  readonly deadLetter: { readonly topic: string | null; readonly maxEventChars: number };
  /** Set when the topic is an inference step's output (`stepSource`): the step's name. */
  readonly fromStep?: string;
};

export const IrSourceNode = {
  kafka: (fields: Omit<IrSource, 'kind'>): IrSource => ({ kind: 'kafka-source', ...fields }),
};
