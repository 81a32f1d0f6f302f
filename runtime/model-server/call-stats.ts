import { inputHash } from './deterministic-answers.js';

export interface ModelServerStats {
  /** Model calls received (chat + embeddings requests), including failed ones. */
  calls: number;
  chatCalls: number;
  embeddingCalls: number;
  /** Embedding inputs received across all embedding calls (an array input counts each item). */
  embeddingInputs: number;
  failedCalls: number;
  distinctInputs: number;
  /** Calls per input hash (chat: model + messages; embeddings: model + one input item). */
  byInput: Record<string, number>;
}

export class CallStats {
  private calls = 0;
  private chatCalls = 0;
  private embeddingCalls = 0;
  private embeddingInputs = 0;
  private failedCalls = 0;
  private readonly byInput = new Map<string, number>();

  recordChat(model: string, messages: unknown): void {
    this.calls++;
    this.chatCalls++;
    this.bump(inputHash(`${model}\n${JSON.stringify(messages)}`));
  }

  recordEmbeddings(model: string, inputs: readonly string[]): void {
    this.calls++;
    this.embeddingCalls++;
    this.embeddingInputs += inputs.length;
    for (const input of inputs) this.bump(inputHash(`${model}\n${input}`));
  }

  recordFailure(): void {
    this.failedCalls++;
  }

  snapshot(): ModelServerStats {
    return {
      calls: this.calls,
      chatCalls: this.chatCalls,
      embeddingCalls: this.embeddingCalls,
      embeddingInputs: this.embeddingInputs,
      failedCalls: this.failedCalls,
      distinctInputs: this.byInput.size,
      byInput: Object.fromEntries(this.byInput),
    };
  }

  reset(): void {
    this.calls = this.chatCalls = this.embeddingCalls = this.embeddingInputs = this.failedCalls = 0;
    this.byInput.clear();
  }

  private bump(hash: string): void {
    this.byInput.set(hash, (this.byInput.get(hash) ?? 0) + 1);
  }
}
