// Focus given back on the Calling screen. Its dialogs live in `{#if}`
// blocks, so closing one removes its <dialog> from the page, and a removed
// dialog does not give focus back to what opened it: focus falls to
// <body>, and the next Tab starts again from the top of the window. The
// same happens when a fix succeeds and the button that had focus goes
// with the user's fix area, or a busy button turns disabled.

import { tick, untrack } from "svelte";

/** What focus can be given to: an element, or nothing yet. */
export interface Focusable {
  readonly isConnected: boolean;
  readonly disabled?: boolean;
  focus(): void;
}

/** Whether focus is nowhere a keyboard user can go on from: nothing,
 * <body>, or an element no longer in the page. */
export function focusLost(active: { readonly isConnected: boolean } | null, body: unknown): boolean {
  return active === null || active === body || !active.isConnected;
}

/** The first candidate still in the page and not disabled. */
export function focusTarget<T extends Focusable>(candidates: readonly (T | null | undefined)[]): T | null {
  return candidates.find((c): c is T => !!c && c.isConnected && !c.disabled) ?? null;
}

/** Once the page has updated, gives focus to the first usable candidate,
 * but only if focus was lost: focus the admin moved elsewhere stays. */
export async function focusBack(...candidates: (HTMLElement | null | undefined)[]): Promise<void> {
  await tick();
  if (!focusLost(document.activeElement, document.body)) return;
  focusTarget(candidates as (Focusable | null | undefined)[])?.focus();
}

/** When `isOpen` turns false (a dialog closed, by Escape, Cancel or
 * Apply), gives focus back to the first usable of `targets` if it was lost.
 * Call it while a component initialises. */
export function focusBackOnClose(isOpen: () => boolean, targets: () => (HTMLElement | null | undefined)[]): void {
  let wasOpen = false;
  $effect(() => {
    if (isOpen()) {
      wasOpen = true;
      return;
    }
    if (!wasOpen) return;
    wasOpen = false;
    void untrack(() => focusBack(...targets()));
  });
}
