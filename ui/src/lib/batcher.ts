// Values asked for one key at a time and fetched together: the keys wanted
// in one turn of the event loop (every cell of a table being drawn) go to
// the backend in one request, split at `maxKeys`. Knows nothing about
// Svelte: the answers go to `onAnswer`, which keeps them where the cells
// read them.

import { Generations } from "./latest";

export interface BatcherOptions<V> {
  /** Fetches the values of these keys (at most `maxKeys` of them). */
  fetch: (keys: string[]) => Promise<Iterable<readonly [string, V]>>;
  maxKeys: number;
  onAnswer: (answers: Iterable<readonly [string, V]>) => void;
  onError?: (reason: unknown) => void;
  /** When the wanted keys are sent: by default once the current task ends
   * (a microtask), after every cell drawn in it has asked. */
  schedule?: (send: () => void) => void;
}

export class Batcher<V> {
  /** Wanted, not sent yet. */
  private wanted = new Set<string>();
  /** Sent since the last reset: on their way, answered, or failed. A failed
   * key is not asked again before the next reset. */
  private sent = new Set<string>();
  private scheduled = false;
  // A new generation at each reset(): answers to requests sent before it
  // are dropped.
  private generations = new Generations();

  constructor(private readonly options: BatcherOptions<V>) {}

  /** Asks for the key's value, unless it is asked already. */
  want(key: string): void {
    if (this.sent.has(key) || this.wanted.has(key)) return;
    this.wanted.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    (this.options.schedule ?? queueMicrotask)(() => this.send());
  }

  /** Forgets what was asked; answers still on their way are dropped. */
  reset(): void {
    this.generations.next();
    this.wanted.clear();
    this.sent.clear();
  }

  private send(): void {
    this.scheduled = false;
    const keys = [...this.wanted];
    this.wanted.clear();
    for (const key of keys) this.sent.add(key);
    const isCurrent = this.generations.now();
    for (let i = 0; i < keys.length; i += this.options.maxKeys) {
      void this.ask(keys.slice(i, i + this.options.maxKeys), isCurrent);
    }
  }

  private async ask(keys: string[], isCurrent: () => boolean): Promise<void> {
    try {
      const answers = await this.options.fetch(keys);
      if (isCurrent()) this.options.onAnswer(answers);
    } catch (reason) {
      if (isCurrent()) this.options.onError?.(reason);
    }
  }
}
