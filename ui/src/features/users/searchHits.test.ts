import { describe, expect, it } from "vitest";
import type { PersonRow } from "../../lib/bindings/PersonRow";
import type { SearchHit } from "../../lib/bindings/SearchHit";
import { contactParts, countMessage, highlight, isSearchShortcut, shortcutLabel } from "./searchHits";

function person(over: Partial<PersonRow> = {}): PersonRow {
  return { id: "p1", displayName: "Ada Lovelace", email: "ada@x.example", status: "active", account: "active", licenses: [], phoneNumber: null, phone: null, extension: null, locationName: null, ...over };
}

const hits = (n: number): SearchHit[] => Array.from({ length: n }, (_, i) => ({ orgId: "o", orgName: "Org", person: person({ id: `p${i}` }) }));

const marked = (text: string, query: string) =>
  highlight(text, query)
    .filter((s) => s.match)
    .map((s) => s.text);

describe("countMessage", () => {
  it("says how many of the matches are shown when the backend capped them", () => {
    expect(countMessage({ total: 312, hits: hits(50) })).toEqual({ key: "search.showing", params: { shown: 50, count: 312 } });
  });

  it("gives the plain count when every match is there", () => {
    expect(countMessage({ total: 3, hits: hits(3) })).toEqual({ key: "search.matches", params: { count: 3 } });
  });
});

describe("contactParts", () => {
  it("shows the number as the table does, formatted for reading", () => {
    const parts = contactParts(person({ phoneNumber: "+4533168351", phone: { display: "+45 33 16 83 51", valid: true } }));
    expect(parts).toEqual([
      { kind: "email", text: "ada@x.example" },
      { kind: "phone", text: "+45 33 16 83 51" },
    ]);
  });

  it("lists email, phone and extension in that order", () => {
    const parts = contactParts(person({ phoneNumber: "+1 415 555 1000", extension: "2000" }));
    expect(parts).toEqual([
      { kind: "email", text: "ada@x.example" },
      { kind: "phone", text: "+1 415 555 1000" },
      { kind: "extension", text: "2000" },
    ]);
  });

  it("leaves out what a person does not have", () => {
    expect(contactParts(person({ email: "", extension: "12" }))).toEqual([{ kind: "extension", text: "12" }]);
  });
});

describe("highlight", () => {
  it("marks the start of each word a search word begins", () => {
    expect(marked("Ada Lovelace", "love ad")).toEqual(["Ad", "Love"]);
  });

  it("does not mark matches inside a word", () => {
    expect(marked("Ada Lovelace", "lace")).toEqual([]);
  });

  it("ignores case and accents, keeping the original text", () => {
    expect(marked("Zoé Dubois", "zoe")).toEqual(["Zoé"]);
    expect(highlight("Zoé Dubois", "zoe").map((s) => s.text).join("")).toBe("Zoé Dubois");
  });

  it("treats email parts as words", () => {
    expect(marked("ada.lovelace7@northwind.example", "lovelace7 north")).toEqual(["lovelace7", "north"]);
  });

  it("marks nothing for an empty search", () => {
    expect(highlight("Ada", "  ")).toEqual([{ text: "Ada", match: false }]);
  });
});

describe("the search shortcut", () => {
  const key = (over: Partial<KeyboardEvent>) => ({ key: "k", ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over });

  it("is Ctrl+K or Cmd+K and nothing else", () => {
    expect(isSearchShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(key({ metaKey: true, key: "K" }))).toBe(true);
    expect(isSearchShortcut(key({}))).toBe(false);
    expect(isSearchShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(false);
  });

  it("is labelled for the platform", () => {
    expect(shortcutLabel("MacIntel")).toBe("⌘K");
    expect(shortcutLabel("Linux x86_64")).toBe("Ctrl K");
  });
});
