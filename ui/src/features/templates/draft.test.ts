import { describe, expect, it } from "vitest";
import type { GroupOption } from "../../lib/bindings/GroupOption";
import type { LicenseOption } from "../../lib/bindings/LicenseOption";
import type { Template } from "../../lib/bindings/Template";
import {
  formFromTemplate,
  formProblem,
  givenLicenses,
  groupChoices,
  hostLicenses,
  licenseSections,
  removesServices,
  toDraft,
  unitsLeft,
} from "./draft";

const license = (id: string, name: string, category: LicenseOption["category"], siteUrl: string | null = null): LicenseOption => ({
  id,
  name,
  category,
  siteUrl,
  totalUnits: 10,
  consumedUnits: 4,
  subscriptions: 1,
  notForUsers: null,
});

const LICENSES = [
  license("cc-p", "Premium Agent", "contact_center"),
  license("call", "Calling Professional", "calling"),
  license("mtg-a", "Meetings Enterprise", "meetings", "a.webex.com"),
  license("msg", "Basic Messaging", "basic"),
  license("cc-s", "Standard Agent", "contact_center"),
];

const template: Template = {
  id: "t1",
  name: "Sales",
  groupId: "g-sales",
  licenses: ["call", "msg"],
  meetings: [
    { siteUrl: "a.webex.com", account: { type: "host", licenseId: "mtg-a" } },
    { siteUrl: "b.webex.com", account: { type: "attendee" } },
  ],
};

const group = (id: string, name: string, eligible = true, hasTemplate = false): GroupOption => ({
  id,
  name,
  eligible,
  memberCount: 3,
  hasTemplate,
});

describe("the editor form", () => {
  it("round-trips a template to the draft it sends", () => {
    expect(toDraft(formFromTemplate(template))).toEqual({ ...template });
  });

  it("sends nothing for a site set back to none, and a trimmed name", () => {
    const form = formFromTemplate(template);
    form.sites["b.webex.com"] = { kind: "none" };
    form.name = "  Sales EMEA ";
    const draft = toDraft(form);
    expect([draft.name, draft.meetings.map((m) => m.siteUrl)]).toEqual(["Sales EMEA", ["a.webex.com"]]);
  });

  it("starts a new template empty", () => {
    expect(toDraft(formFromTemplate(null))).toEqual({ id: null, name: "", groupId: null, licenses: [], meetings: [] });
  });

  it("names the first problem: a name, then a group in group mode, then something to give", () => {
    const form = formFromTemplate(null);
    expect(formProblem(form, "group")).toBe("nameMissing");
    form.name = "Support";
    expect(formProblem(form, "group")).toBe("groupMissing");
    expect(formProblem(form, "org")).toBe("empty");
    form.sites["b.webex.com"] = { kind: "attendee" };
    expect(formProblem(form, "org")).toBeNull();
  });
});

describe("sections", () => {
  it("keeps the editor's order, sorts by name, and skips empty ones and Meetings", () => {
    const sections = licenseSections(LICENSES);
    expect(sections.map((s) => [s.category, s.licenses.map((l) => l.id)])).toEqual([
      ["calling", ["call"]],
      ["contact_center", ["cc-p", "cc-s"]],
      ["basic", ["msg"]],
    ]);
  });

  it("counts units left, never below zero", () => {
    expect(unitsLeft({ ...LICENSES[0], totalUnits: 5, consumedUnits: 7 })).toBe(0);
    expect(unitsLeft(LICENSES[0])).toBe(6);
  });

  it("offers a site's host licenses only", () => {
    const site = { siteUrl: "a.webex.com", hostLicenseIds: ["mtg-a", "gone"], attendeeEnabled: true };
    expect(hostLicenses(site, LICENSES).map((l) => l.id)).toEqual(["mtg-a"]);
  });
});

describe("the group picker", () => {
  it("t17_distribution_groups_are_listed_but_blocked", () => {
    const choices = groupChoices([group("d", "All staff (list)", false), group("s", "Sales")], null);
    expect(choices.map((c) => [c.group.id, c.blocked])).toEqual([
      ["s", null],
      ["d", "distribution"],
    ]);
  });

  it("blocks groups that already have a template, except the one being edited", () => {
    const groups = [group("a", "Alpha", true, true), group("b", "Beta", true, true)];
    expect(groupChoices(groups, "b").map((c) => [c.group.id, c.blocked])).toEqual([
      ["b", null],
      ["a", "hasTemplate"],
    ]);
  });
});

describe("t6_removing_a_service", () => {
  it("is seen when a license or a site entry goes, or a host becomes an attendee", () => {
    const lessLicenses = formFromTemplate(template);
    lessLicenses.licenses = ["call"];
    const lessSite = formFromTemplate(template);
    lessSite.sites["b.webex.com"] = { kind: "none" };
    const demoted = formFromTemplate(template);
    demoted.sites["a.webex.com"] = { kind: "attendee" };
    expect([removesServices(template, lessLicenses), removesServices(template, lessSite), removesServices(template, demoted)]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("is not seen when only adding, nor for a new template", () => {
    const more = formFromTemplate(template);
    more.licenses.push("cc-s");
    more.sites["b.webex.com"] = { kind: "host", licenseId: "mtg-b" };
    expect([removesServices(template, more), removesServices(null, formFromTemplate(null))]).toEqual([false, false]);
  });
});

describe("the list's license pills", () => {
  it("names licenses and Meetings entries with their site", () => {
    expect(givenLicenses(template, LICENSES)).toEqual([
      { label: "Calling Professional", siteUrl: null, attendee: false },
      { label: "Basic Messaging", siteUrl: null, attendee: false },
      { label: "Meetings Enterprise", siteUrl: "a.webex.com", attendee: false },
      { label: "", siteUrl: "b.webex.com", attendee: true },
    ]);
  });
});
