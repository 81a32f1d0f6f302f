import { z } from 'zod';
import { GatewayError, GatewayErrorCode } from './gateway-errors.js';

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.looseObject({ role: z.string().min(1), content: z.unknown() })).min(1),
  stream: z.boolean().optional(),
  max_tokens: z.number().int().positive().optional(),
});
export type ChatRequestBody = z.infer<typeof chatRequestSchema>;

export const embeddingRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1).max(2048)]),
  dimensions: z.number().int().positive().optional(),
  encoding_format: z.enum(['float', 'base64']).optional(),
  user: z.string().optional(),
});
export type EmbeddingRequestBody = z.infer<typeof embeddingRequestSchema>;

/** Parses a request body or throws FEATC_E5010 naming the offending field. */
export function parseRequest<S extends z.ZodType>(schema: S, json: unknown, endpoint: string): z.infer<S> {
  if (json === undefined) throw new GatewayError(GatewayErrorCode.requestInvalid, `${endpoint}: body is not valid JSON`, 'send a JSON object as the OpenAI API expects', 400);
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    throw new GatewayError(GatewayErrorCode.requestInvalid, `${endpoint}: ${where}: ${issue?.message ?? 'invalid'}`, 'see the OpenAI API reference for this endpoint', 400);
  }
  return result.data;
}

/** About four characters per token, plus per-message overhead: enough to reserve budget up front. */
export function estimateChatTokens(body: ChatRequestBody): number {
  return body.messages.reduce((sum, m) => sum + 3 + Math.ceil(JSON.stringify(m.content ?? '').length / 4), 0) + (body.max_tokens ?? 0);
}

export function estimateTextTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
