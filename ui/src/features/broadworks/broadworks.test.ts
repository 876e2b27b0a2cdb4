import { describe, expect, it } from "vitest";
import { statusChips, statusesOf, statusKey, statusTone } from "./broadworks";

describe("the status view's words (rules B3, B5)", () => {
  it("gives each status a tone and a catalogue key, and keeps an unknown one as Webex spells it", () => {
    expect(statusTone("error")).toBe("danger");
    expect(statusTone("pending_email_input")).toBe("warning");
    expect(statusTone("updating")).toBe("accent");
    expect(statusTone("provisioned")).toBe("success");
    expect(statusTone("archived")).toBe("neutral");
    expect(statusKey("error")).toBe("broadworks.status.error");
    expect(statusKey("archived")).toBeNull();
  });

  it("counts what the view shows under All, and every status on its own chip (B5)", () => {
    const counts = [
      { status: "error" as const, count: 3 },
      { status: "pending_email_input" as const, count: 2 },
      { status: "provisioned" as const, count: 40 },
    ];
    const hidden = statusChips(counts, true);
    expect(hidden[0]).toEqual({ id: "all", count: 5 });
    expect(hidden.find((c) => c.id === "provisioned")?.count).toBe(40);
    expect(statusChips(counts, false)[0].count).toBe(45);
    expect(statusesOf("all")).toEqual([]);
    expect(statusesOf("error")).toEqual(["error"]);
  });
});
