// Text that comes from Webex (names, emails, job titles) as it is safe to
// show. A display name may carry characters that draw nothing or reorder
// what follows: a right-to-left override (U+202E) makes "Anna ‮gpj.exe"
// read as something else, a zero-width space hides a difference between
// two names that look alike. Such characters are shown as their code point
// instead, so an admin sees exactly what Webex holds.

// Control (Cc) and format (Cf) characters, which include the bidi
// embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069, the
// zero-width U+200B–U+200F and the byte-order mark; and the line and
// paragraph separators, which break a table cell like a newline.
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** `text` with every invisible or reordering character replaced by a
 * visible marker naming its code point, e.g. `⟨U+202E⟩`. */
export function visible(text: string): string {
  return text.replace(HIDDEN, (char) => `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`);
}
