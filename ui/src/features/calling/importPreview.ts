// A users CSV read back (the report exported, edited in a spreadsheet):
// what it would change and which rows were refused, in words. Applying it
// sends `preview.fix`; nothing is sent for a refused row.

import type { CallingImportPreview } from "../../lib/bindings/CallingImportPreview";
import type { CallingImportRejection } from "../../lib/bindings/CallingImportRejection";
import type { Words } from "../templates/preview";

export interface ImportCounts {
  rows: number;
  unchanged: number;
  changes: number;
  rejected: number;
  /** Rows the backend left out of both the changes and the refusals
   * (skipped users of the fix preview, such as one already so). */
  skipped: number;
}

export function importCounts(preview: CallingImportPreview): ImportCounts {
  return {
    rows: preview.rows,
    unchanged: preview.unchanged,
    changes: preview.fix.changes.length,
    rejected: preview.rejections.length,
    skipped: preview.fix.skipped.length,
  };
}

/** The figures shown on top, the first always, the others when not zero. */
export function importCountWords(counts: ImportCounts): { key: string; count: number; tone: "accent" | "neutral" | "danger" }[] {
  const all = [
    { key: "calling.import.count.rows", count: counts.rows, tone: "neutral" as const },
    { key: "calling.import.count.changes", count: counts.changes, tone: "accent" as const },
    { key: "calling.import.count.unchanged", count: counts.unchanged, tone: "neutral" as const },
    { key: "calling.import.count.skipped", count: counts.skipped, tone: "neutral" as const },
    { key: "calling.import.count.rejected", count: counts.rejected, tone: "danger" as const },
  ];
  return all.filter((c, i) => i === 0 || c.count > 0);
}

/** One refused row: its line, the reason worded, and the cell as read. */
export function rejectionWords(rejection: CallingImportRejection): Words {
  return { key: `calling.import.reject.${rejection.reason}`, params: { value: rejection.value ?? "" } };
}

/** Rows refused, in the order of the file. */
export function rejectionsByLine(rejections: readonly CallingImportRejection[]): CallingImportRejection[] {
  return [...rejections].sort((a, b) => a.line - b.line);
}

/** Whether applying would send anything. */
export function importSendsSomething(preview: CallingImportPreview): boolean {
  return preview.fix.changes.length > 0;
}
