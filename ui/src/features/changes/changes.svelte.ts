// The selected org's change log, fetched when the org changes or a sync
// replaced its data. Only the newest request's reply lands: switching orgs
// quickly never shows one org's changes under another's name.

import type { ApiError } from "../../lib/bindings/ApiError";
import type { ChangeRow } from "../../lib/bindings/ChangeRow";
import { backend, toApiError } from "../../lib/backend";
import { Generations } from "../../lib/latest";

export class ChangesList {
  /** The rows of `orgId`, newest first; null until its first reply. */
  rows = $state<ChangeRow[] | null>(null);
  /** The org whose rows are showing. */
  orgId = $state<string | null>(null);
  error = $state<ApiError | null>(null);

  private requests = new Generations();

  async load(orgId: string): Promise<void> {
    const isCurrent = this.requests.next();
    // Another org's rows must not stay on screen while this one loads.
    if (orgId !== this.orgId) this.rows = null;
    this.orgId = orgId;
    try {
      const rows = await backend.listChanges(orgId);
      if (!isCurrent()) return;
      this.rows = rows;
      this.error = null;
    } catch (reason) {
      if (isCurrent()) this.error = toApiError(reason);
    }
  }
}
