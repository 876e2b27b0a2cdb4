import { describe, expect, it } from "vitest";
import type { CallingImportPreview } from "../../lib/bindings/CallingImportPreview";
import type { CallingFixSkipReason } from "../../lib/bindings/CallingFixSkipReason";
import type { CallingImportRejectReason } from "../../lib/bindings/CallingImportRejectReason";
import type { CallingImportRejection } from "../../lib/bindings/CallingImportRejection";
import { importCounts, importCountWords, importSendsSomething, rejectionsByLine, rejectionWords } from "./importPreview";

const setNumber = (personId: string) => ({
  personId,
  email: `${personId}@acme.example`,
  displayName: personId,
  reason: "not_e164" as const,
  workNumber: "4533141647",
  fix: { kind: "setWorkNumber" as const, number: "+4533141647" },
  locationName: null,
});

const rejection = (line: number, reason: CallingImportRejection["reason"], value: string | null = null): CallingImportRejection => ({ line, email: null, reason, value });

function preview(extra: Partial<CallingImportPreview> = {}): CallingImportPreview {
  return {
    fileName: "edited.csv",
    rows: 10,
    unchanged: 6,
    fix: { previewId: "pv", orgId: "org", changes: [setNumber("a"), setNumber("b")], skipped: [], callingConfirmation: null },
    rejections: [rejection(9, "invalid_number", "45 33"), rejection(3, "missing_email")],
    ...extra,
  };
}

describe("an imported users CSV, summed up", () => {
  it("counts the rows read, the changes, the unchanged and the refused", () => {
    expect(importCounts(preview())).toEqual({ rows: 10, unchanged: 6, changes: 2, rejected: 2, skipped: 0 });
  });

  it("always says how many rows were read, the other figures when not zero", () => {
    const words = importCountWords(importCounts(preview({ unchanged: 0, rejections: [] })));
    expect(words.map((w) => [w.key, w.count])).toEqual([
      ["calling.import.count.rows", 10],
      ["calling.import.count.changes", 2],
    ]);
    expect(importCountWords(importCounts(preview())).find((w) => w.key === "calling.import.count.rejected")?.tone).toBe("danger");
  });

  it("lists refused rows in file order with the reason and the cell as read", () => {
    expect(rejectionsByLine(preview().rejections).map((r) => r.line)).toEqual([3, 9]);
    expect(rejectionWords(rejection(9, "invalid_number", "45 33"))).toEqual({ key: "calling.import.reject.invalid_number", params: { value: "45 33" } });
    expect(rejectionWords(rejection(3, "missing_email"))).toEqual({ key: "calling.import.reject.missing_email", params: { value: "" } });
  });

  it("sends nothing when no row changes a number", () => {
    expect(importSendsSomething(preview())).toBe(true);
    expect(importSendsSomething(preview({ fix: { ...preview().fix, changes: [] } }))).toBe(false);
  });
});

describe("the catalogue words every reason the backend sends", () => {
  it("each skip reason, refused row reason and fix count", async () => {
    const { default: en } = await import("../../lib/i18n/en.json");
    const { createTranslator } = await import("../../lib/i18n/translate");
    const translator = createTranslator("en", en, en);
    const skips: Record<CallingFixSkipReason, true> = { unknown_user: true, has_calling: true, no_suggestion: true, number_not_usable: true, not_e164: true, unchanged: true, duplicate: true };
    const rejects: Record<CallingImportRejectReason, true> = { malformed: true, missing_email: true, unknown_user: true, invalid_number: true, duplicate_user: true, number_in_use: true };
    const keys = [
      ...Object.keys(skips).map((k) => `calling.skip.${k}`),
      ...Object.keys(rejects).map((k) => `calling.import.reject.${k}`),
      ...["setWorkNumber", "assignCalling", "reprovision", "skipped"].map((k) => `calling.preview.count.${k}`),
      ...["rows", "changes", "unchanged", "skipped", "rejected"].map((k) => `calling.import.count.${k}`),
    ];
    expect(keys.filter((k) => !translator.has(k))).toEqual([]);
  });
});
