// The selected org's Calling report, shared by the Calling screen and the
// users table's Calling column: read once per org and data version (a sync,
// a finished run), not once per screen.

import type { ApiError } from "../../lib/bindings/ApiError";
import type { CallingReport } from "../../lib/bindings/CallingReport";
import { backend, toApiError } from "../../lib/backend";
import { statusIndex, statusOf, type CallingStatus, type StatusIndex } from "./report";

export class CallingReports {
  report = $state<CallingReport | null>(null);
  error = $state<ApiError | null>(null);
  private index = $derived<StatusIndex>(this.report ? statusIndex(this.report) : new Map());
  /** The org and version the report is (being) read for. */
  private key = "";
  /** The newest read: an older answer arriving late is dropped. */
  private reading = 0;

  /** Reads the report unless it is already read for this org and version. */
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

  /** Null while the org's report is not read (the column shows nothing
   * rather than "Calling" for everyone). */
  statusOf(orgId: string, personId: string): CallingStatus | null {
    if (this.report?.orgId !== orgId) return null;
    return statusOf(this.index, personId);
  }

  private async read(orgId: string, key: string): Promise<void> {
    this.key = key;
    const reading = ++this.reading;
    if (this.report?.orgId !== orgId) this.report = null;
    this.error = null;
    try {
      const report = await backend.callingReport(orgId);
      if (reading === this.reading) this.report = report;
    } catch (reason) {
      if (reading !== this.reading) return;
      this.report = null;
      this.error = toApiError(reason);
    }
  }
}

export const callingReports = new CallingReports();
