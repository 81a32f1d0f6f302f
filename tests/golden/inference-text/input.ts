// Text step: nested field in the prompt, quotes and a comment in the template, skip on error, two outputs.
import { z } from 'zod';
import { env, gateway, inference, job, kafka, retry, seconds, skip, source } from '../../../dsl/index.js';

const tickets = source({
  name: 'tickets', topic: 'support.tickets', format: 'json', eventTime: 'ts', watermarkDelay: seconds(1),
  schema: z.object({
    ticketId: z.string(), customer: z.object({ name: z.string(), tier: z.enum(['free', 'pro']) }),
    subject: z.string(), priority: z.int32(), vip: z.boolean(), ts: z.number().int(),
  }),
});

export const ticketSummary = inference({
  name: 'ticketSummary',
  source: tickets,
  fields: ['ticketId', 'priority'],
  prompt: "{{! the customer's words, verbatim }}Summarise '{{subject}}' for {{customer.name}} ({{customer.tier}}, vip={{vip}}, p{{priority}}).",
  systemPrompt: "You write one-line summaries. Don't use 'quotes'.",
  model: { endpoint: gateway('http://127.0.0.1:8090'), name: 'gpt-4o-mini', apiKey: env('OPENAI_API_KEY'), temperature: 0.2, maxTokens: 64 },
  output: z.string(),
  onError: retry(2, skip()),
  outputs: [kafka({ topic: 'support.summaries' }), kafka({ topic: 'support.summaries.audit' })],
});

export default job({ name: 'ticketSummary', views: [], steps: [ticketSummary] });
