import { describe, expect, it } from "vitest";
import en from "./en.json";
import { createTranslator, interpolate, pickLanguage, type Catalog } from "./translate";

const english: Catalog = {
  greeting: "Hello {name}",
  users: { one: "{count} user", other: "{count} users" },
  nested: { deep: { key: "found" } },
  onlyEnglish: "English text",
};
const danish: Catalog = {
  greeting: "Hej {name}",
  users: { one: "{count} bruger", other: "{count} brugere" },
};

describe("createTranslator", () => {
  const t = createTranslator("en", english, english).t;

  it("interpolates named parameters", () => {
    expect(t("greeting", { name: "Ada" })).toBe("Hello Ada");
  });

  it("looks up dotted keys", () => {
    expect(t("nested.deep.key")).toBe("found");
  });

  it("chooses the plural form from count and formats it", () => {
    expect(t("users", { count: 1 })).toBe("1 user");
    expect(t("users", { count: 0 })).toBe("0 users");
    expect(t("users", { count: 2000 })).toBe("2,000 users");
  });

  it("returns the key itself when no catalogue has it", () => {
    expect(t("no.such.key")).toBe("no.such.key");
  });

  it("does not treat a group of messages as a message", () => {
    expect(t("nested")).toBe("nested");
  });

  it("falls back to English for keys the language lacks", () => {
    const da = createTranslator("da", danish, english);
    expect(da.t("greeting", { name: "Ada" })).toBe("Hej Ada");
    expect(da.t("onlyEnglish")).toBe("English text");
    expect(da.t("users", { count: 2000 })).toBe("2.000 brugere");
  });

  it("reports which keys exist", () => {
    const tr = createTranslator("en", english, english);
    expect(tr.has("greeting")).toBe(true);
    expect(tr.has("users")).toBe(true);
    expect(tr.has("missing")).toBe(false);
  });
});

describe("interpolate", () => {
  const format = (n: number) => `#${n}`;

  it("leaves unknown placeholders visible", () => {
    expect(interpolate("a {x} b {y}", { x: "1" }, format)).toBe("a 1 b {y}");
  });

  it("formats numeric parameters with the given formatter", () => {
    expect(interpolate("{n} items", { n: 5 }, format)).toBe("#5 items");
  });

  it("does not interpret parameter values as templates", () => {
    expect(interpolate("{a}", { a: "{b}", b: "no" }, format)).toBe("{b}");
  });
});

describe("pickLanguage", () => {
  it("matches region tags to their base language", () => {
    expect(pickLanguage("en-GB", ["en", "fr"])).toBe("en");
    expect(pickLanguage("FR", ["en", "fr"])).toBe("fr");
  });

  it("falls back to English for unsupported languages", () => {
    expect(pickLanguage("ja", ["en", "fr"])).toBe("en");
  });
});

describe("the English catalogue", () => {
  it("has a plural-aware users count", () => {
    const tr = createTranslator("en", en, en);
    expect(tr.t("users.count", { count: 1 })).toBe("1 user");
    expect(tr.t("users.countFiltered", { shown: 37, count: 2000 })).toBe("37 of 2,000 users");
  });
});
