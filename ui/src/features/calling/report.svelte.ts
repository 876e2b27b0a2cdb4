// The selected org's Calling report, shared by the Calling screen and the
// users table's Calling column: its summary (the counts of each reason and
// C7's list) read once per org and data version (a sync, a finished run),
// not once per screen. The users themselves stay in the backend's cache:
// the screen pages through them (userList.svelte.ts), the column asks for
// the status of the rows it draws.

import { SvelteMap } from "svelte/reactivity";
import type { ApiError } from "../../lib/bindings/ApiError";
import type { CallingReason } from "../../lib/bindings/CallingReason";
import type { CallingSummary } from "../../lib/bindings/CallingSummary";
import { backend, toApiError } from "../../lib/backend";
import { Batcher } from "../../lib/batcher";
import { statusOf, type CallingStatus } from "./report";

/** The most ids one calling_statuses call takes. */
export const STATUSES_PER_CALL = 1000;

export class CallingReports {
  summary = $state.raw<CallingSummary | null>(null);
  error = $state<ApiError | null>(null);
  /** Counts the summaries read: a list of the report's users reads its
   * rows again when this changes (after a sync, a run, a fix). */
  version = $state(0);
  private mismatchIds = $derived(new Set(this.summary?.mismatches.map((m) => m.personId)));
  /** Person id → their reason (null: Calling), as the backend answered
   * since the summary held was read. */
  private known = new SvelteMap<string, CallingReason | null>();
  private statuses = new Batcher<CallingReason | null>({
    fetch: async (personIds) => {
      const orgId = this.summary?.orgId;
      if (!orgId) return [];
      const rows = await backend.callingStatuses(orgId, personIds);
      return rows.map((row) => [row.personId, row.reason] as const);
    },
    maxKeys: STATUSES_PER_CALL,
    onAnswer: (answers) => {
      for (const [personId, reason] of answers) this.known.set(personId, reason);
    },
    // A cell whose status could not be read stays blank: the Calling
    // screen says what is wrong with the report.
  });
  /** The org and version the summary is (being) read for. */
  private key = "";
  /** The newest read: an older answer arriving late is dropped. */
  private reading = 0;

  /** Reads the summary unless it is already read for this org and version. */
  ensure(orgId: string, version: string): Promise<void> {
    const key = `${orgId}\u0000${version}`;
    if (key === this.key) return Promise.resolve();
    return this.read(orgId, key);
  }

  /** Reads it again (after a fix was sent). */
  refresh(): Promise<void> {
    const orgId = this.key.split("\u0000")[0];
    return orgId ? this.read(orgId, this.key) : Promise.resolve();
  }

  /** A person's status for the users table's Calling column, or null while
   * it is not known (the cell shows nothing rather than a guess): asked
   * for then, with every other row drawn at the same time, in one call. */
  statusOf(orgId: string, personId: string): CallingStatus | null {
    if (this.summary?.orgId !== orgId) return null;
    if (this.mismatchIds.has(personId)) return statusOf(null, true);
    if (!this.known.has(personId)) {
      this.statuses.want(personId);
      return null;
    }
    return statusOf(this.known.get(personId) ?? null, false);
  }

  private async read(orgId: string, key: string): Promise<void> {
    this.key = key;
    const reading = ++this.reading;
    // Another org: nothing of the last one shows meanwhile. The same org
    // read again keeps showing what it had until the new summary is in.
    if (this.summary?.orgId !== orgId) this.hold(null);
    this.error = null;
    try {
      const summary = await backend.callingReport(orgId);
      if (reading === this.reading) this.hold(summary);
    } catch (reason) {
      if (reading !== this.reading) return;
      this.hold(null);
      this.error = toApiError(reason);
    }
  }

  /** A new summary: the statuses known were of the last one. */
  private hold(summary: CallingSummary | null): void {
    this.summary = summary;
    this.statuses.reset();
    this.known.clear();
    if (summary) this.version++;
  }
}

export const callingReports = new CallingReports();
