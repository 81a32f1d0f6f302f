import { randomUUID } from 'node:crypto';
import { countTokens, embeddingVector, inputHash, moderate, textAnswer, vectorToBase64 } from './deterministic-answers.js';

/** The subset of a chat completion request the test server reads. */
export interface ChatRequest {
  model: string;
  messages: { role: string; content: unknown }[];
  response_format?: { type?: string };
  max_tokens?: number;
  max_completion_tokens?: number;
  n?: number;
}

export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) => (part && typeof part === 'object' && 'text' in part ? String((part as { text: unknown }).text) : ''))
      .join('');
  }
  return '';
}

/** Text of the last user message: what Flink's ML_PREDICT puts in the row's input column. */
export function lastUserText(req: ChatRequest): string {
  const users = req.messages.filter((m) => m.role === 'user');
  return messageText(users[users.length - 1]?.content ?? '');
}

/** A complete `chat.completion` object, with every field openai-java's ChatCompletion expects. */
export function chatCompletion(req: ChatRequest): unknown {
  const userText = lastUserText(req);
  const wantsJson = req.response_format?.type === 'json_object' || req.response_format?.type === 'json_schema';
  let content = wantsJson ? JSON.stringify(moderate(userText)) : textAnswer(req.model, userText);
  let finishReason = 'stop';
  const maxTokens = req.max_completion_tokens ?? req.max_tokens;
  if (!wantsJson && maxTokens !== undefined && countTokens(content) > maxTokens) {
    content = content.slice(0, Math.max(1, maxTokens * 4));
    finishReason = 'length';
  }
  const promptTokens = req.messages.reduce((sum, m) => sum + 3 + countTokens(messageText(m.content)), 0);
  const n = Math.max(1, req.n ?? 1);
  const completionTokens = countTokens(content) * n;
  return {
    id: `chatcmpl-${inputHash(JSON.stringify(req.messages) + req.model)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: req.model,
    choices: Array.from({ length: n }, (_, index) => ({
      index,
      message: { role: 'assistant', content, refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: finishReason,
    })),
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_featc_test',
  };
}

export interface EmbeddingRequest {
  model: string;
  input: string | string[];
  dimensions?: number;
  encoding_format?: 'float' | 'base64';
}

export function embeddingInputs(req: EmbeddingRequest): string[] {
  return typeof req.input === 'string' ? [req.input] : req.input;
}

/** A `list` of `embedding` objects plus usage, as OpenAI's `/v1/embeddings` answers. */
export function embeddingList(req: EmbeddingRequest, defaultDim: number): unknown {
  const inputs = embeddingInputs(req);
  const dim = req.dimensions ?? defaultDim;
  const tokens = inputs.reduce((sum, text) => sum + countTokens(text), 0);
  return {
    object: 'list',
    data: inputs.map((text, index) => {
      const vector = embeddingVector(req.model, text, dim);
      return { object: 'embedding', index, embedding: req.encoding_format === 'base64' ? vectorToBase64(vector) : vector };
    }),
    model: req.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

export function modelList(models: readonly string[]): unknown {
  return {
    object: 'list',
    data: models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'featc-test' })),
  };
}

export function requestId(): string {
  return `req_${randomUUID().replaceAll('-', '')}`;
}
