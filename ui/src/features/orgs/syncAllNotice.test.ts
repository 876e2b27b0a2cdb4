import { describe, expect, it } from "vitest";
import type { OrgSummary } from "../../lib/bindings/OrgSummary";
import { syncAllNotice } from "./syncAllNotice";
import { startAll, summarizeAll, type AllSyncSummary } from "./syncAllProgress";

const org = (id: string, peopleCount: number): OrgSummary => ({ id, displayName: id, isHome: false, peopleCount, lastSyncedMs: 1 });
const orgs = [org("a", 1500), org("b", 300), org("c", 150), org("d", 50)];

function summary(over: Partial<AllSyncSummary>): AllSyncSummary {
  return { ...summarizeAll(startAll(["a", "b", "c", "d"])), ...over };
}

describe("syncAllNotice", () => {
  it("counts orgs and users from the refreshed list after a full success", () => {
    expect(syncAllNotice("done", orgs, summary({}))).toEqual(["Synced 4 organizations: 2,000 users", "success"]);
  });

  it("still reports the orgs that synced when others failed", () => {
    const partly = summary({ done: 3, syncedPeople: 1950 });
    expect(syncAllNotice("failed", orgs, partly)).toEqual(["Synced 3 of 4 organizations: 1,950 users", "info"]);
  });

  it("says so plainly when no org synced", () => {
    expect(syncAllNotice("failed", orgs, summary({}))).toEqual(["No organization could be synced.", "danger"]);
  });

  it("tells what finished before a cancel", () => {
    const [text, tone] = syncAllNotice("cancelled", orgs, summary({ done: 1, syncedPeople: 1 }));
    expect(text).toBe("Sync cancelled after 1 of 4 organizations: 1 user synced");
    expect(tone).toBe("info");
    expect(syncAllNotice("cancelled", orgs, summary({}))[0]).toBe("Sync cancelled. You are looking at the previous copy.");
  });
});
