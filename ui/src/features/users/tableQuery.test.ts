import { describe, expect, it } from "vitest";
import { USER_COLUMNS } from "./columns";
import {
  ariaSort,
  DEFAULT_SORT,
  filterCount,
  keepKnown,
  nextSort,
  NO_FILTER,
  sameFilter,
  sortKeyOf,
  tableView,
  type TableFacts,
} from "./tableQuery";

describe("sorting the users table by its headers", () => {
  it("sorts by name, email, status, phone (its number) and location; not by licenses, Calling or extension", () => {
    const keys = USER_COLUMNS.map((c) => [c.id, sortKeyOf(c.id)]);
    expect(Object.fromEntries(keys)).toEqual({
      name: "name",
      email: "email",
      status: "status",
      licenses: null,
      calling: null,
      location: "location",
      phone: "number",
      extension: null,
    });
  });

  it("starts by name, ascending; a new column sorts ascending, the same one turns round", () => {
    expect(DEFAULT_SORT).toEqual({ key: "name", descending: false });
    const byEmail = nextSort(DEFAULT_SORT, "email");
    expect(byEmail).toEqual({ key: "email", descending: false });
    expect(nextSort(byEmail, "email")).toEqual({ key: "email", descending: true });
    expect(nextSort(nextSort(byEmail, "email"), "email")).toEqual({ key: "email", descending: false });
    expect(nextSort({ key: "email", descending: true }, "status")).toEqual({ key: "status", descending: false });
  });

  it("says the direction on the sorting column's header only", () => {
    const sort = { key: "number" as const, descending: true };
    expect(ariaSort(sort, "number")).toBe("descending");
    expect(ariaSort(DEFAULT_SORT, "name")).toBe("ascending");
    expect(ariaSort(sort, "name")).toBe("none");
    expect(ariaSort(sort, null)).toBeUndefined();
  });
});

describe("the users table's filters", () => {
  it("counts what is set", () => {
    expect(filterCount(NO_FILTER)).toBe(0);
    expect(filterCount({ ...NO_FILTER, calling: true, status: "deactivated" })).toBe(2);
    expect(filterCount({ status: "active", license: "L", location: "O", calling: true })).toBe(4);
  });

  it("lets go of a license or location the org does not have, and keeps the rest", () => {
    const filter = { status: "active" as const, license: "L1", location: "O9", calling: true };
    const kept = keepKnown(filter, [{ id: "L1" }], [{ id: "O1" }]);
    expect(kept).toEqual({ status: "active", license: "L1", location: null, calling: true });
    // Nothing to let go: the same object, so nothing searches again.
    const known = keepKnown(kept, [{ id: "L1" }], []);
    expect(known).toBe(kept);
    expect(sameFilter(keepKnown(filter, [], []), { ...filter, license: null, location: null })).toBe(true);
  });
});

describe("what the table area shows", () => {
  const facts = (over: Partial<TableFacts>): TableFacts => ({
    total: 10,
    neverSynced: false,
    syncing: false,
    narrowed: false,
    ...over,
  });

  it("never a blank area before the first answer: loading, or the first sync", () => {
    expect(tableView(facts({ total: null }))).toBe("loading");
    expect(tableView(facts({ total: null, neverSynced: true, syncing: true }))).toBe("firstSync");
    expect(tableView(facts({ total: 0, neverSynced: true, syncing: true }))).toBe("firstSync");
  });

  it("offers a sync for an org never synced, and says when a synced org is empty", () => {
    expect(tableView(facts({ total: 0, neverSynced: true }))).toBe("neverSynced");
    expect(tableView(facts({ total: 0 }))).toBe("noUsers");
    // Syncing again an org already synced: its rows stay.
    expect(tableView(facts({ syncing: true }))).toBe("rows");
  });

  it("says nobody matches when a search or a filter leaves no one", () => {
    expect(tableView(facts({ total: 0, narrowed: true }))).toBe("noMatches");
    expect(tableView(facts({ total: 0, narrowed: true, neverSynced: true }))).toBe("noMatches");
    expect(tableView(facts({ total: 3, narrowed: true }))).toBe("rows");
  });
});
