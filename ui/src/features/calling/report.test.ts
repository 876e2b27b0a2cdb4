import { describe, expect, it } from "vitest";
import type { CallingReport } from "../../lib/bindings/CallingReport";
import type { CallingUser } from "../../lib/bindings/CallingUser";
import type { CallingMismatch } from "../../lib/bindings/CallingMismatch";
import { reasonTone, statusIndex, statusOf, statusTone, statusWords } from "./report";

const user = (personId: string, reason: CallingUser["reason"]) => ({ personId, reason }) as CallingUser;
const mismatch = (personId: string) => ({ personId }) as CallingMismatch;

const report: CallingReport = {
  orgId: "org",
  counts: [],
  users: [user("a", "no_work_number"), user("b", "number_taken")],
  mismatches: [mismatch("m")],
};

describe("the Calling column from the org's report (C3, C5, C7)", () => {
  const index = statusIndex(report);

  it("a user the report lists has that reason", () => {
    expect(statusOf(index, "a")).toEqual({ kind: "missing", reason: "no_work_number" });
    expect(statusWords(statusOf(index, "b"))).toEqual({ key: "calling.reason.number_taken" });
  });

  it("c7: a user with a differing number says so", () => {
    expect(statusOf(index, "m")).toEqual({ kind: "mismatch" });
    expect(statusWords(statusOf(index, "m"))).toEqual({ key: "calling.status.mismatch" });
    expect(statusTone(statusOf(index, "m"))).toBe("warning");
  });

  it("everyone else has Calling", () => {
    expect(statusOf(index, "someone-else")).toEqual({ kind: "calling" });
    expect(statusWords(statusOf(index, "someone-else"))).toEqual({ key: "calling.status.calling" });
    expect(statusTone({ kind: "calling" })).toBe("success");
  });

  it("colours what needs the admin apart from what only waits for a template", () => {
    expect(reasonTone("eligible")).toBe("accent");
    expect(reasonTone("number_taken")).toBe("warning");
    expect(reasonTone("not_e164")).toBe("danger");
  });
});
