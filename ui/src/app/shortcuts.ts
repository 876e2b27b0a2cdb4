// The app's keyboard shortcuts, read from key presses. Plain letters so they
// clash neither with the webview's own (Ctrl+R reloads, Ctrl+1 may switch
// tabs) nor with typing: the caller says when focus is in a text field or a
// dialog is open, and then nothing here fires.

import type { Screen } from "./app.svelte";

export type ShortcutAction = { kind: "screen"; screen: Screen } | { kind: "sync" } | { kind: "help" } | { kind: "troubleshoot" };

export type KeyPress = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">;

/** "g" then a letter goes to a screen, like a mail client's "go to". */
export const GO_TO: Readonly<Record<string, Screen>> = { u: "users", c: "changes", t: "templates", l: "calling", b: "broadworks", s: "settings" };

/** How long after "g" the second letter still counts. */
export const SEQUENCE_MS = 1500;

export class ShortcutReader {
  private goPressedAt: number | null = null;

  /** The action for a key press, or null. `blocked`: typing or a dialog. */
  read(press: KeyPress, blocked: boolean, nowMs: number): ShortcutAction | null {
    const goPending = this.goPressedAt !== null && nowMs - this.goPressedAt <= SEQUENCE_MS;
    this.goPressedAt = null;
    if (blocked || press.ctrlKey || press.metaKey || press.altKey) return null;
    if (goPending && Object.hasOwn(GO_TO, press.key)) return { kind: "screen", screen: GO_TO[press.key] };
    if (press.key === "g") {
      this.goPressedAt = nowMs;
      return null;
    }
    // Shift+S: capital S, so a stray "s" does not start a sync.
    if (press.key === "S") return { kind: "sync" };
    if (press.key === "?") return { kind: "help" };
    // The open user's Meetings troubleshooter (rules S1–S5).
    if (press.key === "m") return { kind: "troubleshoot" };
    return null;
  }
}

/** Whether focus is somewhere a key press is text. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === "undefined" || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ["TEXTAREA", "SELECT"].includes(target.tagName)) return true;
  if (target.tagName !== "INPUT") return false;
  // A checkbox or radio takes no text; a text box, search box or combobox does.
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes((target as HTMLInputElement).type);
}
