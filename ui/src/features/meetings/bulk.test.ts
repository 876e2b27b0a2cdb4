import { describe, expect, it } from "vitest";
import type { BulkPreview } from "../../lib/bindings/BulkPreview";
import { changeOf, freeOnlyWarning, previewCounts, readMinutes, typeName, userChangeWords } from "./bulk";

const TYPES = [
  { id: "1", shortName: "FRE", name: "Free Meeting", kind: "meeting" },
  { id: "3", shortName: "PRO", name: "Pro Meeting", kind: "meeting" },
];

function preview(partial: Partial<BulkPreview["plan"]> = {}, extra: Partial<BulkPreview> = {}): BulkPreview {
  return {
    orgId: "org",
    siteUrl: "acme.webex.com",
    siteTypes: TYPES,
    plan: { siteUrl: "acme.webex.com", changes: [], unchanged: 0, perType: [], leftFreeOnly: 0, ...partial },
    notFound: [],
    notHosts: [],
    unread: [],
    ...extra,
  };
}

describe("the change a form asks for (rule S2: each user's whole set is sent)", () => {
  it("adds or removes the chosen types, or sets exactly them", () => {
    expect(changeOf("add", ["3"])).toEqual({ mode: "change", add: ["3"], remove: [] });
    expect(changeOf("remove", ["3"])).toEqual({ mode: "change", add: [], remove: ["3"] });
    expect(changeOf("exact", ["1", "3"])).toEqual({ mode: "exact", types: ["1", "3"] });
  });

  it("adding or removing nothing is no change, but exactly nothing is", () => {
    expect(changeOf("add", [])).toBeNull();
    expect(changeOf("remove", [])).toBeNull();
    expect(changeOf("exact", [])).toEqual({ mode: "exact", types: [] });
  });
});

describe("the preview in words", () => {
  it("says how long reading everyone takes only when it is long", () => {
    expect(readMinutes(100)).toBeNull();
    expect(readMinutes(1_500)).toBe(1);
    expect(readMinutes(10_000)).toBe(3);
  });

  it("names types by the site's names", () => {
    expect(typeName("3", TYPES)).toBe("Pro Meeting (PRO)");
    expect(typeName("99", TYPES)).toBe("99");
    expect(userChangeWords(["3"], ["1"], TYPES)).toBe("+ Pro Meeting (PRO) · − Free Meeting (FRE)");
  });

  it("counts who changes, and the others only when there are some", () => {
    expect(previewCounts(preview({ unchanged: 4 })).map((c) => [c.key, c.count])).toEqual([
      ["meetings.bulk.count.changing", 0],
      ["meetings.bulk.count.unchanged", 4],
    ]);
    const skipped = { personId: "p", email: "e", displayName: "n", reason: "r" };
    expect(previewCounts(preview({}, { notHosts: [skipped] })).map((c) => c.key)).toContain("meetings.bulk.count.notHosts");
  });

  it("warns of users left on free meetings only (rule S1)", () => {
    expect(freeOnlyWarning(preview())).toBeNull();
    expect(freeOnlyWarning(preview({ leftFreeOnly: 2 }))).toEqual({ key: "meetings.bulk.freeOnly", params: { count: 2 } });
  });
});
