import { describe, expect, it } from "vitest";
import { Generations } from "./latest";

describe("Generations", () => {
  it("keeps a check current until the next generation starts", () => {
    const generations = new Generations();
    const first = generations.next();
    expect(first()).toBe(true);
    const second = generations.next();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
  });

  it("shares one generation among checks taken with now()", () => {
    const generations = new Generations();
    const a = generations.now();
    const b = generations.now();
    expect([a(), b()]).toEqual([true, true]);
    generations.next();
    expect([a(), b()]).toEqual([false, false]);
  });
});
