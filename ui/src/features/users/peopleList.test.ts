import { describe, expect, it, vi } from "vitest";
import type { PeoplePage } from "../../lib/bindings/PeoplePage";
import type { PeopleQuery } from "../../lib/bindings/PeopleQuery";

// Replies the test releases by hand, to reorder them.
const pending: { query: PeopleQuery; resolve: (page: PeoplePage) => void; reject: (e: unknown) => void }[] = [];
vi.mock("../../lib/backend", () => ({
  backend: {
    searchPeople: (query: PeopleQuery) =>
      new Promise<PeoplePage>((resolve, reject) => pending.push({ query, resolve, reject })),
  },
  toApiError: (e: unknown) => e,
}));

const { PeopleList } = await import("./peopleList.svelte");

function page(total: number, names: string[]): PeoplePage {
  const rows = names.map((name, i) => ({
    id: `${name}-${i}`,
    displayName: name,
    email: "",
    status: "active",
    account: "active" as const,
    licenses: [],
    phoneNumber: null,
    phone: null,
    extension: null,
    locationName: null,
  }));
  return { total, offset: 0, rows };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("PeopleList", () => {
  it("keeps the old rows until the new search answers, and ignores a stale answer", async () => {
    pending.length = 0;
    const replaced = vi.fn();
    const list = new PeopleList(replaced);

    list.search("org", "");
    pending[0].resolve(page(2000, ["Ada"]));
    await settle();
    expect(list.get(0)?.displayName).toBe("Ada");
    expect(list.total).toBe(2000);

    list.search("org", "b");
    list.search("org", "bo");
    expect(pending.map((p) => p.query.text)).toEqual(["", "b", "bo"]);
    expect(list.get(0)?.displayName).toBe("Ada");

    pending[2].resolve(page(1, ["Bob"]));
    await settle();
    pending[1].resolve(page(5, ["Bea"]));
    await settle();

    expect(list.get(0)?.displayName).toBe("Bob");
    expect(list.total).toBe(1);
    expect(list.shownText).toBe("bo");
    expect(replaced).toHaveBeenCalledTimes(2);
  });

  it("reports an error only for the latest search", async () => {
    pending.length = 0;
    const list = new PeopleList(() => {});
    list.search("org", "a");
    list.search("org", "ab");
    pending[0].reject({ code: "database", message: "old", trackingId: null });
    await settle();
    expect(list.error).toBeNull();
    pending[1].reject({ code: "database", message: "new", trackingId: null });
    await settle();
    expect(list.error?.message).toBe("new");
  });
});

describe("order and filters", () => {
  it("asks for them with every page, and says which are showing once rows arrive", async () => {
    pending.length = 0;
    const list = new PeopleList(() => {});
    const sort = { key: "email" as const, descending: true };
    const filter = { status: "invitePending" as const, license: null, location: "LOC", calling: true };
    list.search("org", "", sort, filter);
    expect(pending[0].query).toMatchObject({ orgId: "org", text: "", sort, filter, offset: 0 });
    expect(list.shownSort.key).toBe("name");
    pending[0].resolve(page(250, ["Ada"]));
    await settle();
    expect(list.shownSort).toEqual(sort);
    expect(list.shownFilter).toEqual(filter);
    list.ensure(100, 200);
    expect(pending[1].query).toMatchObject({ sort, filter, offset: 100 });
  });

  it("does not bisect rows in another order than by name", async () => {
    pending.length = 0;
    const list = new PeopleList(() => {});
    list.search("org", "", { key: "status", descending: false });
    pending[0].resolve(page(5, ["Ada", "Bo"]));
    await settle();
    expect(await list.indexOf({ displayName: "Bo", id: "Bo-1" })).toBeNull();
    expect(pending).toHaveLength(1);
  });
});

describe("finding a person's row in the list", () => {
  it("bisects with one-row requests on the search that is showing", async () => {
    pending.length = 0;
    const list = new PeopleList(() => {});
    list.search("org", "a");
    // A first page of 2 rows out of 5: the rest come one at a time.
    const all = ["Ada", "Al", "Ana", "Ann", "Ava"].map((name) => ({ ...page(1, [name]).rows[0], id: name }));
    pending[0].resolve({ total: 5, offset: 0, rows: all.slice(0, 2) });
    await settle();

    const found = list.indexOf({ displayName: "Ann", id: "Ann" });
    // Answer each one-row request as it comes; a bisection of 5 needs few.
    for (let answered = 1; answered < 6; answered++) {
      await settle();
      const next = pending[answered];
      if (!next) break;
      expect([next.query.orgId, next.query.text, next.query.limit]).toEqual(["org", "a", 1]);
      next.resolve({ total: 5, offset: next.query.offset, rows: [all[next.query.offset]] });
    }
    expect(await found).toBe(3);
  });
});
