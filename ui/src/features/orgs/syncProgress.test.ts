import { describe, expect, it } from "vitest";
import type { SyncProgress } from "../../lib/bindings/SyncProgress";
import { ORG_RESOURCES, applyProgress, initialProgress } from "./syncProgress";

function event(over: Partial<SyncProgress>): SyncProgress {
  return { orgId: "org-a", resource: "people", phase: "running", pages: 1, items: 100, error: null, ...over };
}

describe("applyProgress", () => {
  it("starts with every org resource waiting, people first", () => {
    expect(initialProgress().map((p) => [p.resource, p.phase])).toEqual([
      ["people", "waiting"],
      ["licenses", "waiting"],
      ["groups", "waiting"],
      ["locations", "waiting"],
      ["numbers", "waiting"],
      ["session_types", "waiting"],
    ]);
  });

  it("updates the matching resource line", () => {
    const next = applyProgress(initialProgress(), "org-a", event({ pages: 3, items: 300 }));
    expect(next[0]).toEqual({ resource: "people", phase: "running", pages: 3, items: 300 });
    expect(next[1].phase).toBe("waiting");
  });

  it("ignores events about another organization", () => {
    const next = applyProgress(initialProgress(), "org-a", event({ orgId: "org-b", pages: 9 }));
    expect(next).toEqual(initialProgress());
  });

  it("appends a resource it was not expecting", () => {
    const next = applyProgress(initialProgress(), "org-a", event({ resource: "subscribers", phase: "done" }));
    expect(next.map((p) => p.resource).at(-1)).toBe("subscribers");
    expect(next).toHaveLength(ORG_RESOURCES.length + 1);
  });
});
