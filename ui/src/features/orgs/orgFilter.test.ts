import { describe, expect, it } from "vitest";
import type { OrgSummary } from "../../lib/bindings/OrgSummary";
import { filterOrgs } from "./orgFilter";

const org = (id: string, displayName: string, isHome = false): OrgSummary => ({
  id,
  displayName,
  isHome,
  peopleCount: 0,
  lastSyncedMs: null,
});
const orgs = [org("h", "Northwind Partners", true), org("c", "Contoso Dental"), org("z", "Zürich Dental Care"), org("g", "Globex")];
const ids = (list: OrgSummary[]) => list.map((o) => o.id);

describe("the org switcher's filter", () => {
  it("shows every org, in order, while nothing is typed", () => {
    expect(ids(filterOrgs(orgs, "  "))).toEqual(["h", "c", "z", "g"]);
  });

  it("matches part of a name, ignoring case", () => {
    expect(ids(filterOrgs(orgs, "DENT"))).toEqual(["c", "z"]);
  });

  it("needs every typed word, in any order", () => {
    expect(ids(filterOrgs(orgs, "dental zur"))).toEqual(["z"]);
  });

  it("ignores accents either way", () => {
    expect(ids(filterOrgs(orgs, "zurich"))).toEqual(["z"]);
    expect(ids(filterOrgs(orgs, "glóbex"))).toEqual(["g"]);
  });

  it("finds nothing for a name no org has", () => {
    expect(filterOrgs(orgs, "initech")).toEqual([]);
  });
});
