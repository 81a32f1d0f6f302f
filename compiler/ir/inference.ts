import type { IrExpr } from './expr.js';
import type { IrPropertyValue } from './source.js';
import type { IrField } from './types.js';
import type { IrOutput } from './view.js';

/** One piece of a compiled prompt template: literal text, or a (possibly nested) source field. */
export type IrPromptPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'field'; readonly path: readonly string[] };

/** The model's answer as columns: text, an embedding, or a JSON object's typed fields. */
export type IrStepOutput =
  | { readonly kind: 'text'; readonly column: string }
  | { readonly kind: 'embedding'; readonly column: string }
  | { readonly kind: 'json'; readonly fields: readonly IrField[] };

/** The endpoint: a literal URL, or a gateway base (text or env placeholder) plus the step path. */
export interface IrEndpoint {
  readonly base: IrPropertyValue;
  /** Appended to `base`; empty for a literal URL. */
  readonly path: string;
}

export interface IrModel {
  readonly provider: 'openai';
  readonly task: 'chat' | 'embedding';
  readonly endpoint: IrEndpoint;
  readonly name: string;
  readonly apiKey: IrPropertyValue;
  readonly systemPrompt: string | null;
  readonly temperature: number | null;
  readonly maxTokens: number | null;
  readonly dimensions: number | null;
  readonly responseFormat: 'text' | 'json_object' | null;
}

/** Flink's openai error handling, plus featc's dead-letter topic for rows Flink dropped. */
export interface IrErrorPolicy {
  readonly strategy: 'retry' | 'failover' | 'ignore';
  readonly retries: number;
  /** After the retries: fail or drop the row. */
  readonly fallback: 'failover' | 'ignore';
  readonly deadLetterTopic: string | null;
}

/** A model-inference step: one ML_PREDICT over one source. */
export interface IrInferenceStep {
  readonly kind: 'inference-step';
  readonly name: string;
  readonly source: string;
  /** Source fields copied to the output, in order. */
  readonly fields: readonly IrField[];
  readonly prompt: readonly IrPromptPart[];
  readonly model: IrModel;
  readonly output: IrStepOutput;
  readonly onError: IrErrorPolicy;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly outputs: readonly IrOutput[];
  /** Only input events matching this reach the model. */
  readonly where?: IrExpr;
  /** Output column holding the model name. */
  readonly modelColumn?: string;
}

export const IrInferenceStepNode = {
  create: (fields: Omit<IrInferenceStep, 'kind'>): IrInferenceStep => ({ kind: 'inference-step', ...fields }),
};

/** The columns a step adds to its fields, in order: the answer's, then the model column. */
export function stepOutputColumns(step: IrInferenceStep): IrField[] {
  const model: IrField[] = step.modelColumn === undefined ? [] : [{ name: step.modelColumn, type: { kind: 'scalar', name: 'string' } }];
  return [...answerColumns(step.output), ...model];
}

/** The columns of the model's answer. */
export function answerColumns(output: IrStepOutput): IrField[] {
  switch (output.kind) {
    case 'text': return [{ name: output.column, type: { kind: 'scalar', name: 'string' } }];
    case 'embedding': return [{ name: output.column, type: { kind: 'array', element: { kind: 'scalar', name: 'float' } } }];
    case 'json': return [...output.fields];
  }
}
