import { describe, expect, it } from "vitest";
import type { ChangeKind } from "../../lib/bindings/ChangeKind";
import type { ChangeRow } from "../../lib/bindings/ChangeRow";
import en from "../../lib/i18n/en.json";
import { createTranslator } from "../../lib/i18n/translate";
import {
  CATEGORIES,
  CHANGE_KINDS,
  canOpen,
  categoryOf,
  changeKey,
  countByCategory,
  goneFromCache,
  groupBySync,
  inCategory,
  matchingName,
  splitMove,
  viewChanges,
} from "./changeLog";

// Subscribers are no Webex users here ("sub-…" ids): they are not cached.
const row = (atMs: number, kind: ChangeKind, displayName: string, personId = displayName, detail: string | null = null): ChangeRow => ({
  atMs,
  kind,
  personId,
  displayName,
  detail,
  cached: !personId.startsWith("sub-") && personId !== "p-lars",
});

// Newest first, as list_changes returns them: two syncs of one org.
const LOG: ChangeRow[] = [
  row(2000, "person_added", "Zoé Vidal", "p-zoe"),
  row(2000, "license_lost", "Ada Okafor", "p-ada", "Webex Calling - Professional"),
  row(2000, "number_changed", "Ada Okafor", "p-ada", "+1 415 555 0101 → +1 415 555 0199"),
  row(2000, "person_removed", "Lars Hansen", "p-lars"),
  row(2000, "subscriber_status", "bo@globex.example", "sub-1", "provisioning → provisioned"),
  row(1000, "person_added", "Lars Hansen", "p-lars"),
  row(1000, "extension_changed", "Bjørn Walsh", "p-bjorn", "2001 → 2101"),
  row(1000, "license_gained", "Ada Okafor", "p-ada", "Webex Messaging"),
];

describe("categories", () => {
  it("puts every kind in the category its filter chip names", () => {
    expect(CHANGE_KINDS.map(categoryOf)).toEqual(["people", "people", "licenses", "licenses", "numbers", "numbers", "broadworks"]);
  });

  it("has an English label for every kind and category the screen names", () => {
    const translator = createTranslator("en", en, en);
    const keys = [...CHANGE_KINDS.map((k) => `changes.kind.${k}`), ...["all", ...CATEGORIES].map((c) => `changes.category.${c}`)];
    expect(keys.filter((key) => !translator.has(key))).toEqual([]);
  });

  it("counts rows per category, and all of them", () => {
    expect(countByCategory(LOG)).toEqual({ all: 8, people: 3, licenses: 2, numbers: 2, broadworks: 1 });
    expect(countByCategory([])).toEqual({ all: 0, people: 0, licenses: 0, numbers: 0, broadworks: 0 });
  });

  it("keeps only the chosen category, or everything", () => {
    expect(inCategory(LOG, "numbers").map((r) => r.kind)).toEqual(["number_changed", "extension_changed"]);
    expect(inCategory(LOG, "all")).toHaveLength(8);
  });
});

describe("the name filter", () => {
  it("finds part of a name regardless of case and accents", () => {
    expect(matchingName(LOG, "zoe").map((r) => r.personId)).toEqual(["p-zoe"]);
    expect(matchingName(LOG, "  OKAF ")).toHaveLength(3);
  });

  it("lets everything through when empty", () => {
    expect(matchingName(LOG, " ")).toHaveLength(8);
  });

  it("looks at names only, not at details", () => {
    expect(matchingName(LOG, "Messaging")).toEqual([]);
  });
});

describe("grouping by sync", () => {
  it("makes one group per sync, newest first, sorted by name inside", () => {
    const groups = groupBySync(LOG);
    expect(groups.map((g) => g.atMs)).toEqual([2000, 1000]);
    expect(groups[0].changes.map((r) => r.displayName)).toEqual(["Ada Okafor", "Ada Okafor", "bo@globex.example", "Lars Hansen", "Zoé Vidal"]);
    expect(groups[1].changes.map((r) => r.displayName)).toEqual(["Ada Okafor", "Bjørn Walsh", "Lars Hansen"]);
  });

  it("keeps one person's changes in the order the sync recorded them", () => {
    const ada = groupBySync(LOG)[0].changes.filter((r) => r.personId === "p-ada");
    expect(ada.map((r) => r.kind)).toEqual(["license_lost", "number_changed"]);
  });

  it("does not rely on the rows arriving sorted", () => {
    expect(groupBySync([...LOG].reverse()).map((g) => [g.atMs, g.changes.length, g.total])).toEqual([[2000, 5, 5], [1000, 3, 3]]);
  });

  it("has no groups without rows", () => {
    expect(groupBySync([])).toEqual([]);
  });
});

describe("which rows open a person", () => {
  const gone = goneFromCache(LOG);

  it("knows who the latest sync removed", () => {
    expect([...gone]).toEqual(["p-lars"]);
  });

  it("takes a person back in when a later sync added them again", () => {
    const back = [row(3000, "person_added", "Lars Hansen", "p-lars"), ...LOG];
    expect(goneFromCache(back).size).toBe(0);
  });

  it("opens people still cached, never removals, the removed or subscribers that are no users", () => {
    const openable = LOG.filter((r) => canOpen(r, gone)).map((r) => `${r.personId}:${r.kind}`);
    expect(openable).toEqual(["p-zoe:person_added", "p-ada:license_lost", "p-ada:number_changed", "p-bjorn:extension_changed", "p-ada:license_gained"]);
  });

  it("opens a subscriber's status change filed under the Webex user it became", () => {
    const user = { ...row(3000, "subscriber_status", "Bo Berg", "p-bo", "provisioned → updating"), cached: true };
    expect(canOpen(user, gone)).toBe(true);
  });
});

describe("the screen's view", () => {
  it("counts what the name filter lets through and shows one category of it", () => {
    const view = viewChanges(LOG, "licenses", "ada");
    expect(view.counts).toEqual({ all: 3, people: 0, licenses: 2, numbers: 1, broadworks: 0 });
    expect(view.shown).toBe(2);
    expect(view.groups.map((g) => [g.atMs, g.changes.map((r) => r.detail)])).toEqual([
      [2000, ["Webex Calling - Professional"]],
      [1000, ["Webex Messaging"]],
    ]);
    // Each sync still knows how many changes it found in all.
    expect(view.groups.map((g) => g.total)).toEqual([5, 3]);
  });

  it("shows nothing, with counts still there, when the category has no match", () => {
    const view = viewChanges(LOG, "broadworks", "ada");
    expect([view.shown, view.groups, view.counts.all]).toEqual([0, [], 3]);
  });
});

describe("moves", () => {
  it("splits old → new", () => {
    expect(splitMove("— → 2101")).toEqual({ from: "—", to: "2101" });
  });

  it("leaves other details alone", () => {
    expect(splitMove("Webex Messaging")).toBeNull();
    expect(splitMove(null)).toBeNull();
  });
});

describe("a change's key", () => {
  it("stays the same when the log is fetched again, and tells changes apart", () => {
    const a = row(5, "license_gained", "Ada", "p1", "Calling");
    expect(changeKey({ ...a })).toBe(changeKey(a));
    expect(changeKey(a)).not.toBe(changeKey({ ...a, detail: "Messaging" }));
    expect(changeKey(a)).not.toBe(changeKey({ ...a, atMs: 6 }));
    expect(changeKey(a)).not.toBe(changeKey({ ...a, personId: "p2" }));
  });
});
