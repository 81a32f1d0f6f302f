/**
 * Runs one task per key at a time: callers asking for a key that is already in flight share its
 * promise. The key is released only after the task settles, so the task should store its answer
 * (e.g. in the cache) before returning; then no later caller can slip between answer and cache.
 */
export class RequestCoalescer<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  constructor(private readonly enabled = true) {}

  get size(): number {
    return this.inFlight.size;
  }

  /** `joined` is true when the caller shared a call started by someone else. */
  async run(key: string, task: () => Promise<T>): Promise<{ value: T; joined: boolean }> {
    if (!this.enabled) return { value: await task(), joined: false };
    const existing = this.inFlight.get(key);
    if (existing) return { value: await existing, joined: true };
    const promise = task().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return { value: await promise, joined: false };
  }
}
