import { createHash } from 'node:crypto';
import { seededRandom } from '../shared/seeded-random.js';

export { base64ToVector, vectorToBase64 } from '../inference-gateway/embedding-encoding.js';

/** Words that make the test moderation model call a text toxic. Deliberately small and obvious. */
export const MODERATION_BLOCKLIST = ['idiot', 'stupid', 'hate', 'kill', 'moron', 'scam', 'trash'] as const;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Short stable id for an input, used in `/stats` and in answers. */
export function inputHash(text: string): string {
  return sha256Hex(text).slice(0, 16);
}

/** Rough token count (about four characters per token, at least one), stable for a given text. */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export interface ModerationVerdict {
  toxic: boolean;
  score: number;
}

/** Deterministic moderation: each blocklisted word adds 0.45, plus a tiny hash-derived jitter. */
export function moderate(text: string): ModerationVerdict {
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  const hits = words.filter((w) => (MODERATION_BLOCKLIST as readonly string[]).includes(w)).length;
  const jitter = parseInt(sha256Hex(text).slice(0, 4), 16) / 0xffff / 20; // [0, 0.05]
  const score = Math.round(Math.min(1, hits * 0.45 + jitter) * 1000) / 1000;
  return { toxic: score >= 0.45, score };
}

/** Deterministic free-text answer: names the input hash and echoes a bounded prefix. */
export function textAnswer(model: string, text: string): string {
  const prefix = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return `[${model}] answer ${inputHash(`${model}\n${text}`)} to: ${prefix}`;
}

/** Unit-length vector of `dim` floats derived from sha256(model, input, block index). */
export function embeddingVector(model: string, input: string, dim: number): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dim; block++) {
    const digest = createHash('sha256').update(`${model}\u0000${input}\u0000${block}`).digest();
    for (let i = 0; i + 2 <= digest.length && values.length < dim; i += 2) {
      values.push(digest.readUInt16BE(i) / 0xffff - 0.5);
    }
  }
  const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
  return values.map((v) => Math.fround(v / norm));
}

export { seededRandom };
