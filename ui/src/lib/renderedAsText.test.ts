import { describe, expect, it } from "vitest";

// Names, emails and error text come from Webex (and so from anyone who can
// edit a user there): the UI renders them as text. Svelte escapes every
// `{expression}`; only `{@html}` and `innerHTML` would turn data into markup.
const sources = import.meta.glob(["/src/**/*.svelte", "/src/**/*.ts", "!/src/**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

describe("API data is rendered as text", () => {
  it("reads the UI's sources", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
  });

  it("no component uses {@html} or writes innerHTML", () => {
    const offenders = Object.entries(sources)
      .filter(([, text]) => /\{@html\b|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML/.test(text))
      .map(([path]) => path);
    expect(offenders).toEqual([]);
  });
});
