/** One embedding as the batcher hands it back: the vector and its share of the batch's tokens. */
export interface EmbeddingResult {
  vector: number[];
  tokens: number;
  fallback: boolean;
}

export interface BatchOptions {
  maxBatchSize: number;
  maxWaitMs: number;
}

/** Sends one upstream call for many inputs of the same group; answers in input order. */
export type SendBatch<P> = (params: P, inputs: string[]) => Promise<EmbeddingResult[]>;

interface Pending {
  input: string;
  resolve: (r: EmbeddingResult) => void;
  reject: (e: unknown) => void;
}

interface Group<P> {
  params: P;
  items: Pending[];
  timer: NodeJS.Timeout | undefined;
}

/**
 * Micro-batches single embedding inputs: inputs of the same group (model, dimensions, credentials)
 * arriving within `maxWaitMs` become one upstream call with an array input, up to `maxBatchSize`.
 */
export class EmbeddingBatcher<P> {
  private readonly groups = new Map<string, Group<P>>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly opts: BatchOptions,
    private readonly send: SendBatch<P>,
    private readonly onBatch: (size: number) => void = () => undefined,
  ) {}

  submit(groupKey: string, params: P, input: string): Promise<EmbeddingResult> {
    return new Promise<EmbeddingResult>((resolve, reject) => {
      let group = this.groups.get(groupKey);
      if (!group) {
        group = { params, items: [], timer: undefined };
        this.groups.set(groupKey, group);
      }
      group.items.push({ input, resolve, reject });
      if (group.items.length >= this.opts.maxBatchSize || this.opts.maxWaitMs === 0) this.flush(groupKey);
      else group.timer ??= setTimeout(() => this.flush(groupKey), this.opts.maxWaitMs);
    });
  }

  /** Sends everything still waiting and resolves once all batches in flight have settled. */
  async drain(): Promise<void> {
    for (const key of [...this.groups.keys()]) this.flush(key);
    await Promise.allSettled([...this.inFlight]);
  }

  private flush(groupKey: string): void {
    const group = this.groups.get(groupKey);
    if (!group) return;
    this.groups.delete(groupKey);
    if (group.timer) clearTimeout(group.timer);
    const items = group.items;
    this.onBatch(items.length);
    const done = this.send(group.params, items.map((i) => i.input)).then(
      (results) => {
        items.forEach((item, i) => {
          const result = results[i];
          if (result) item.resolve(result);
          else item.reject(new Error(`upstream answered ${results.length} embeddings for ${items.length} inputs`));
        });
      },
      (err: unknown) => items.forEach((item) => item.reject(err)),
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }
}
