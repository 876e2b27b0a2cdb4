import { describe, expect, it } from "vitest";
import { PreserveChoice, SaveScopeChoice } from "./scope.svelte";

describe("the save scope", () => {
  it("t4_existing_users_is_unchecked_every_time_the_editor_opens", () => {
    const scope = new SaveScopeChoice();
    scope.setExistingUsers(true);
    expect(scope.value().existingUsers).toBe(true);
    scope.reset();
    expect(scope.value()).toEqual({ existingUsers: false, preserve: true });
  });

  it("t5_preserve_is_checked_by_default_when_existing_users_is_chosen", () => {
    const scope = new SaveScopeChoice();
    scope.preserve.request(false);
    scope.preserve.confirm();
    scope.setExistingUsers(true);
    expect(scope.value()).toEqual({ existingUsers: true, preserve: true });
  });

  it("t5_removing_licenses_needs_existing_users_and_a_confirmed_preserve_off", () => {
    const scope = new SaveScopeChoice();
    scope.setExistingUsers(true);
    scope.preserve.request(false);
    expect(scope.settled).toBe(false);
    scope.preserve.confirm();
    expect(scope.settled).toBe(true);
    expect(scope.value()).toEqual({ existingUsers: true, preserve: false });
  });

  it("t4_reopening_forgets_a_confirmed_preserve_off", () => {
    const scope = new SaveScopeChoice();
    scope.setExistingUsers(true);
    scope.preserve.request(false);
    scope.preserve.confirm();
    scope.reset();
    expect([scope.value(), scope.settled]).toEqual([{ existingUsers: false, preserve: true }, true]);
  });
});

describe("the preserve toggle", () => {
  it("t18_cancelling_the_preserve_off_confirmation_restores_the_toggle_to_on", () => {
    const choice = new PreserveChoice();
    choice.request(false);
    // While the dialog is open the box shows what was clicked.
    expect([choice.preserve, choice.confirming]).toEqual([false, true]);
    choice.cancel();
    expect([choice.preserve, choice.confirming]).toEqual([true, false]);
  });

  it("t18_the_save_scope_is_back_to_preserve_after_a_cancel", () => {
    const scope = new SaveScopeChoice();
    scope.setExistingUsers(true);
    scope.preserve.request(false);
    scope.preserve.cancel();
    expect([scope.value(), scope.settled]).toEqual([{ existingUsers: true, preserve: true }, true]);
  });

  it("switching preserve back on needs no confirmation", () => {
    const choice = new PreserveChoice();
    choice.request(false);
    choice.confirm();
    choice.request(true);
    expect([choice.preserve, choice.confirming]).toEqual([true, false]);
  });
});
