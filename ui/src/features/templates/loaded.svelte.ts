// Data fetched for a key (an org, a run) where only the newest request's
// reply may land: switching quickly never shows one key's data under
// another's name. Used by the History and Audit tabs.

import type { ApiError } from "../../lib/bindings/ApiError";
import { toApiError } from "../../lib/backend";
import { Generations } from "../../lib/latest";

export class Loaded<T> {
  /** The data of `key`; null until its first reply. Raw: replaced whole. */
  value = $state.raw<T | null>(null);
  key = $state<string | null>(null);
  error = $state<ApiError | null>(null);

  private requests = new Generations();

  constructor(private readonly get: (key: string) => Promise<T>) {}

  async load(key: string): Promise<void> {
    const isCurrent = this.requests.next();
    // Another key's data must not stay on screen while this one loads.
    if (key !== this.key) this.value = null;
    this.key = key;
    try {
      const value = await this.get(key);
      if (!isCurrent()) return;
      this.value = value;
      this.error = null;
    } catch (reason) {
      if (isCurrent()) this.error = toApiError(reason);
    }
  }

  /** Forgets everything, e.g. when a detail view closes. */
  clear(): void {
    this.requests.next();
    this.value = null;
    this.key = null;
    this.error = null;
  }
}
