// The reactive face of i18n: components call t() and re-render when the
// language changes, because t() reads the translator held in $state.

import type { ApiError } from "../bindings/ApiError";
import { describeError as describe, type ErrorDescription } from "./describeError";
import en from "./en.json";
import { formatRelative } from "./relativeTime";
import { createTranslator, pickLanguage, type Catalog, type Params } from "./translate";

const CATALOGS: Record<string, Catalog> = { en };

/** Languages offered in Settings, each named in its own language. */
export const LANGUAGES: readonly { tag: string; name: string }[] = [{ tag: "en", name: "English" }];

let translator = $state(createTranslator("en", en, en));

export function setLanguage(tag: string): void {
  const language = pickLanguage(tag, Object.keys(CATALOGS));
  if (language === translator.locale) return;
  translator = createTranslator(language, CATALOGS[language], en);
  document.documentElement.lang = language;
}

export function t(key: string, params?: Params): string {
  return translator.t(key, params);
}

/** A message kept as data (a key and its parameters), in words. */
export function say(words: { key: string; params?: Params }): string {
  return translator.t(words.key, words.params);
}

export function formatNumber(value: number): string {
  return translator.formatNumber(value);
}

export function formatDateTime(value: Date | number): string {
  return translator.formatDateTime(value);
}

export function timeAgo(thenMs: number, nowMs: number): string {
  return formatRelative(thenMs, nowMs, translator.locale, translator.t("time.justNow"));
}

export function describeError(error: ApiError): ErrorDescription {
  return describe(translator, error);
}
