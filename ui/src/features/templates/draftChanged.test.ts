import { describe, expect, it } from "vitest";
import type { Template } from "../../lib/bindings/Template";
import { draftChanged, formFromTemplate } from "./draft";

const sales: Template = {
  id: "t1",
  name: "Sales",
  groupId: "g1",
  licenses: ["calling", "messaging"],
  meetings: [{ siteUrl: "a.webex.com", account: { type: "attendee" } }],
};

describe("leaving the editor asks first when the draft has changed", () => {
  it("an untouched form, new or loaded, has nothing to lose", () => {
    expect(draftChanged(null, formFromTemplate(null))).toBe(false);
    expect(draftChanged(sales, formFromTemplate(sales))).toBe(false);
  });

  it("a name typed into a new template is work to keep", () => {
    expect(draftChanged(null, { ...formFromTemplate(null), name: "Support" })).toBe(true);
  });

  it("a license ticked, a group or a site role changed is a change", () => {
    const form = formFromTemplate(sales);
    expect(draftChanged(sales, { ...form, licenses: ["calling"] })).toBe(true);
    expect(draftChanged(sales, { ...form, groupId: "g2" })).toBe(true);
    expect(draftChanged(sales, { ...form, sites: { "a.webex.com": { kind: "host", licenseId: "m" } } })).toBe(true);
  });

  it("an edit undone, in another order or by setting a site back to nothing, is no change", () => {
    const form = formFromTemplate(sales);
    expect(draftChanged(sales, { ...form, licenses: ["messaging", "calling"], name: " Sales " })).toBe(false);
    const fresh = formFromTemplate(null);
    expect(draftChanged(null, { ...fresh, sites: { "a.webex.com": { kind: "none" } } })).toBe(false);
  });
});
