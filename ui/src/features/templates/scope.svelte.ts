// The scope an admin picks when saving or deleting a template (T4, T5, T6),
// with the confirmation that guards switching preserve off (T18).
//
// Control Hub leaves preserve off when the admin cancels that confirmation,
// so a "cancel" still removes licenses. Here cancelling puts it back on.

import type { SaveScope } from "../../lib/bindings/SaveScope";

/** "Preserve licenses users already have": on unless the admin confirms
 * switching it off. */
export class PreserveChoice {
  preserve = $state(true);
  /** Switched off, waiting for the admin to confirm or cancel. */
  confirming = $state(false);

  reset(): void {
    this.preserve = true;
    this.confirming = false;
  }

  /** A click on the toggle. Off only asks: it takes effect on confirm(). */
  request(on: boolean): void {
    this.preserve = on;
    this.confirming = !on;
  }

  confirm(): void {
    this.confirming = false;
  }

  /** T18: cancelling restores the toggle to on. */
  cancel(): void {
    this.reset();
  }
}

/** The save options of the editor. */
export class SaveScopeChoice {
  /** T4: "also apply to existing users". */
  existingUsers = $state(false);
  readonly preserve = new PreserveChoice();

  /** T4: the editor opens with nothing remembered from last time. */
  reset(): void {
    this.existingUsers = false;
    this.preserve.reset();
  }

  /** T5: preserve is on by default whenever the choice changes, so removing
   * licenses always takes a deliberate step. */
  setExistingUsers(on: boolean): void {
    this.existingUsers = on;
    this.preserve.reset();
  }

  /** False while a confirmation is open: nothing may be previewed then. */
  get settled(): boolean {
    return !this.preserve.confirming;
  }

  value(): SaveScope {
    return { existingUsers: this.existingUsers, preserve: this.preserve.preserve };
  }
}
