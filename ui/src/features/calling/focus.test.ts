import { describe, expect, it } from "vitest";
import { focusLost, focusTarget, type Focusable } from "./focus.svelte";

function element(isConnected = true, disabled = false): Focusable {
  return { isConnected, disabled, focus: () => {} };
}

describe("focus given back after a Calling dialog or fix area goes away", () => {
  it("counts focus on nothing, <body> or a removed element as lost", () => {
    const body = element();
    expect(focusLost(null, body)).toBe(true);
    expect(focusLost(body, body)).toBe(true);
    expect(focusLost(element(false), body)).toBe(true);
    expect(focusLost(element(), body)).toBe(false);
  });

  it("gives it to the first candidate still in the page and not disabled", () => {
    const removed = element(false);
    const disabled = element(true, true);
    const table = element();
    expect(focusTarget([null, removed, disabled, table])).toBe(table);
    expect(focusTarget([undefined, removed])).toBeNull();
  });
});
