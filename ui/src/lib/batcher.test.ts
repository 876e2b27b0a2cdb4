import { describe, expect, it } from "vitest";
import { Batcher } from "./batcher";

const settle = () => new Promise((r) => setTimeout(r, 0));

function makeBatcher(maxKeys = 3) {
  const calls: { keys: string[]; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const answers = new Map<string, string>();
  const errors: unknown[] = [];
  const batcher = new Batcher<string>({
    fetch: (keys) =>
      new Promise((resolve, reject) => calls.push({ keys, resolve: () => resolve(keys.map((k) => [k, k.toUpperCase()] as const)), reject })),
    maxKeys,
    onAnswer: (rows) => {
      for (const [k, v] of rows) answers.set(k, v);
    },
    onError: (e) => errors.push(e),
  });
  return { batcher, calls, answers, errors };
}

describe("Batcher", () => {
  it("sends the keys wanted in one task together, split at maxKeys, each once", async () => {
    const { batcher, calls, answers } = makeBatcher();
    for (const k of ["a", "b", "c", "d", "a"]) batcher.want(k);
    expect(calls).toHaveLength(0);
    await settle();
    expect(calls.map((c) => c.keys)).toEqual([["a", "b", "c"], ["d"]]);
    calls.forEach((c) => c.resolve());
    await settle();
    expect([...answers]).toEqual([["a", "A"], ["b", "B"], ["c", "C"], ["d", "D"]]);
    batcher.want("a");
    await settle();
    expect(calls).toHaveLength(2);
  });

  it("drops answers sent before a reset, and asks again after it", async () => {
    const { batcher, calls, answers } = makeBatcher();
    batcher.want("a");
    await settle();
    batcher.reset();
    calls[0].resolve();
    await settle();
    expect(answers.size).toBe(0);
    batcher.want("a");
    await settle();
    expect(calls).toHaveLength(2);
  });

  it("reports a failure and does not ask for the failed keys again before a reset", async () => {
    const { batcher, calls, errors } = makeBatcher();
    batcher.want("a");
    await settle();
    calls[0].reject("down");
    await settle();
    expect(errors).toEqual(["down"]);
    batcher.want("a");
    await settle();
    expect(calls).toHaveLength(1);
  });
});
