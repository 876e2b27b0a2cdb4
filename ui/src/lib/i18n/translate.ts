// Message lookup, interpolation and plurals, as pure functions of a catalogue
// and a locale, so they can be tested without a UI. The reactive wrapper the
// components use lives in index.svelte.ts.

/** A catalogue: nested objects of strings; a plural message is an object
 * whose keys are Intl.PluralRules categories (`one`, `other`, ...). */
export type Catalog = { [key: string]: string | Catalog };

export type Params = Record<string, string | number>;

const PLURAL_CATEGORIES = new Set(["zero", "one", "two", "few", "many", "other"]);

export interface Translator {
  readonly locale: string;
  t(key: string, params?: Params): string;
  /** Whether the key exists in the locale or the fallback catalogue. */
  has(key: string): boolean;
  formatNumber(value: number): string;
  formatDateTime(value: Date | number): string;
}

function lookup(catalog: Catalog, key: string): string | Catalog | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return node;
}

function isPluralNode(node: Catalog): boolean {
  const keys = Object.keys(node);
  return keys.includes("other") && keys.every((k) => PLURAL_CATEGORIES.has(k));
}

/** Picks the string for a key: a plain string, or the plural form for
 * `params.count`. Returns undefined when the key has no usable message. */
function resolveMessage(
  node: string | Catalog | undefined,
  plurals: Intl.PluralRules,
  params: Params | undefined,
): string | undefined {
  if (typeof node === "string") return node;
  if (node === undefined || !isPluralNode(node)) return undefined;
  const count = params?.count;
  const category = typeof count === "number" ? plurals.select(count) : "other";
  const form = node[category] ?? node.other;
  return typeof form === "string" ? form : undefined;
}

export function interpolate(
  template: string,
  params: Params | undefined,
  formatNumber: (n: number) => string,
): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(value) : value;
  });
}

export function createTranslator(locale: string, catalog: Catalog, fallback: Catalog): Translator {
  const plurals = new Intl.PluralRules(locale);
  const fallbackPlurals = new Intl.PluralRules("en");
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const formatNumber = (n: number) => numbers.format(n);

  function message(key: string, params?: Params): string | undefined {
    return (
      resolveMessage(lookup(catalog, key), plurals, params) ??
      resolveMessage(lookup(fallback, key), fallbackPlurals, params)
    );
  }

  return {
    locale,
    t(key, params) {
      const template = message(key, params);
      // A missing key shows itself, which is ugly enough to be noticed in
      // review but never blanks out a button.
      return template === undefined ? key : interpolate(template, params, formatNumber);
    },
    has: (key) => message(key) !== undefined,
    formatNumber,
    formatDateTime: (value) => dates.format(value),
  };
}

/** The supported language closest to a BCP 47 tag such as `en-GB`. */
export function pickLanguage(tag: string, supported: readonly string[]): string {
  const lower = tag.toLowerCase();
  if (supported.includes(lower)) return lower;
  const base = lower.split("-")[0];
  return supported.includes(base) ? base : "en";
}
