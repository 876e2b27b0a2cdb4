import { describe, expect, it } from "vitest";
import en from "../../lib/i18n/en.json";
import { reasonTone, statusOf, statusTitle, statusTone, statusWords } from "./report";

describe("the Calling column's status (C3, C5, C7)", () => {
  it("a user the report gives a reason has that reason", () => {
    expect(statusOf("no_work_number", false)).toEqual({ kind: "missing", reason: "no_work_number" });
    expect(statusWords(statusOf("number_taken", false))).toEqual({ key: "calling.reasonShort.number_taken" });
    expect(statusTitle(statusOf("number_taken", false))).toEqual({ key: "calling.reason.number_taken" });
  });

  it("c7: a user with a differing number says so", () => {
    expect(statusOf(null, true)).toEqual({ kind: "mismatch" });
    expect(statusWords(statusOf(null, true))).toEqual({ key: "calling.status.mismatch" });
    expect(statusTone(statusOf(null, true))).toBe("warning");
  });

  it("everyone else has Calling", () => {
    expect(statusOf(null, false)).toEqual({ kind: "calling" });
    expect(statusWords(statusOf(null, false))).toEqual({ key: "calling.status.calling" });
    expect(statusTone({ kind: "calling" })).toBe("success");
  });

  it("has a short word in the catalogue for every reason, no longer than the column holds", () => {
    const reasons = ["no_work_number", "not_e164", "not_in_inventory", "location_not_calling", "number_taken", "eligible"];
    for (const reason of reasons) {
      const short = (en.calling.reasonShort as Record<string, string>)[reason];
      expect(short, reason).toBeTruthy();
      expect(short.length, reason).toBeLessThanOrEqual(16);
    }
  });

  it("colours what needs the admin apart from what only waits for a template", () => {
    expect(reasonTone("eligible")).toBe("accent");
    expect(reasonTone("number_taken")).toBe("warning");
    expect(reasonTone("not_e164")).toBe("danger");
  });
});
