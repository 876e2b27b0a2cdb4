import { describe, expect, it } from "vitest";
import en from "./en.json";
import { createTranslator } from "./translate";

// Every literal t("...") key in the source must exist in the English
// catalogue; a typo would otherwise show the raw key in the UI.
const sources = import.meta.glob("/src/**/*.{svelte,ts}", { query: "?raw", import: "default", eager: true });

function literalKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [file, text] of Object.entries(sources)) {
    if (file.endsWith(".test.ts")) continue;
    for (const match of (text as string).matchAll(/\bt\(\s*"([\w.]+)"/g)) keys.set(match[1], file);
  }
  return keys;
}

describe("the English catalogue", () => {
  it("has every key the code asks for", () => {
    const translator = createTranslator("en", en, en);
    const keys = literalKeys();
    expect(keys.size).toBeGreaterThan(50);
    const missing = [...keys].filter(([key]) => !translator.has(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});
