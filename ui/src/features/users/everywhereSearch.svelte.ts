// The search across every cached org, as typed into the search palette:
// debounced, and only the newest reply is shown, so a slow answer for "ad"
// never replaces the one for "ada".

import type { ApiError } from "../../lib/bindings/ApiError";
import type { SearchResults } from "../../lib/bindings/SearchResults";
import { backend, toApiError } from "../../lib/backend";
import { debounce } from "../../lib/debounce";
import { Generations } from "../../lib/latest";

export const SEARCH_DEBOUNCE_MS = 120;

export class EverywhereSearch {
  /** What the search box holds. */
  text = $state("");
  /** The results showing, for `shownText`; null before the first reply. */
  results = $state<SearchResults | null>(null);
  shownText = $state("");
  /** A reply is awaited for the newest text. */
  loading = $state(false);
  error = $state<ApiError | null>(null);

  private requests = new Generations();
  private debounced = debounce((text: string) => void this.run(text), SEARCH_DEBOUNCE_MS);

  /** The box changed: search for it shortly, or clear at once when empty. */
  input(text: string): void {
    this.text = text;
    if (text.trim() === "") {
      this.clear();
      return;
    }
    this.loading = true;
    this.debounced(text.trim());
  }

  /** Searches the current text again now, e.g. after a sync changed the data. */
  refresh(): void {
    this.debounced.cancel();
    if (this.text.trim() !== "") void this.run(this.text.trim());
  }

  private async run(text: string): Promise<void> {
    const isCurrent = this.requests.next();
    this.loading = true;
    try {
      const results = await backend.searchEverywhere(text);
      if (!isCurrent()) return;
      this.results = results;
      this.shownText = text;
      this.error = null;
    } catch (reason) {
      if (isCurrent()) this.error = toApiError(reason);
    } finally {
      if (isCurrent()) this.loading = false;
    }
  }

  private clear(): void {
    this.debounced.cancel();
    this.requests.next();
    this.results = null;
    this.shownText = "";
    this.loading = false;
    this.error = null;
  }
}
