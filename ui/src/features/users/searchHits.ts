// Pure helpers for the search across every org: the count line, the
// contact details of a hit, which parts of a name or email matched, and the
// keyboard shortcut's label.

import type { PersonRow } from "../../lib/bindings/PersonRow";
import type { SearchResults } from "../../lib/bindings/SearchResults";
import type { Params } from "../../lib/i18n/translate";

/** The message over the results: "Showing 50 of 312" when the backend
 * capped the hits, else how many people matched. */
export function countMessage(results: SearchResults): { key: string; params: Params } {
  if (results.total > results.hits.length) {
    return { key: "search.showing", params: { shown: results.hits.length, count: results.total } };
  }
  return { key: "search.matches", params: { count: results.total } };
}

export type ContactPart = { kind: "email" | "phone" | "extension"; text: string };

/** The contact details worth showing under a hit's name, in reading order;
 * missing ones are left out rather than shown as blanks. */
export function contactParts(person: PersonRow): ContactPart[] {
  const parts: ContactPart[] = [];
  if (person.email.trim() !== "") parts.push({ kind: "email", text: person.email });
  // Numbers read as the table shows them (international format when valid).
  const phone = person.phone?.display ?? person.phoneNumber;
  if (phone) parts.push({ kind: "phone", text: phone });
  if (person.extension) parts.push({ kind: "extension", text: person.extension });
  return parts;
}

export type Segment = { text: string; match: boolean };

/** Splits `text` so the word starts that a search word matched stand out,
 * mirroring the backend's word-prefix match (case and accents ignored). */
export function highlight(text: string, query: string): Segment[] {
  const words = query.split(/[^\p{L}\p{N}]+/u).map(fold).filter((w) => w !== "");
  const folded = [...text].map(fold);
  const marked = new Array<boolean>(folded.length).fill(false);
  for (let start = 0; start < folded.length; start++) {
    if (!isWordStart(folded, start)) continue;
    const length = Math.max(0, ...words.filter((w) => startsWith(folded, start, w)).map((w) => [...w].length));
    for (let i = start; i < start + length; i++) marked[i] = true;
  }
  return toSegments([...text], marked);
}

function fold(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function isAlphanumeric(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

function isWordStart(chars: string[], index: number): boolean {
  return isAlphanumeric(chars[index]) && !isAlphanumeric(chars[index - 1]);
}

function startsWith(chars: string[], start: number, word: string): boolean {
  const wanted = [...word];
  return wanted.every((char, i) => chars[start + i] === char);
}

function toSegments(chars: string[], marked: boolean[]): Segment[] {
  const segments: Segment[] = [];
  chars.forEach((char, i) => {
    const last = segments.at(-1);
    if (last && last.match === marked[i]) last.text += char;
    else segments.push({ text: char, match: marked[i] });
  });
  return segments;
}

/** "⌘K" on a Mac, "Ctrl K" elsewhere. */
export function shortcutLabel(platform: string): string {
  return /mac|iphone|ipad/i.test(platform) ? "⌘K" : "Ctrl K";
}

/** Whether a key press is the shortcut that opens the search. */
export function isSearchShortcut(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k";
}
