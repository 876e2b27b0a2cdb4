import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CallingUser } from "../../lib/bindings/CallingUser";
import type { CallingUserPage } from "../../lib/bindings/CallingUserPage";
import type { CallingUserQuery } from "../../lib/bindings/CallingUserQuery";

/** Each calling_users call, answered by hand. */
const asked: { orgId: string; query: CallingUserQuery; offset: number; limit: number; answer: (total: number, prefix?: string) => void; fail: (e: unknown) => void }[] = [];
vi.mock("../../lib/backend", () => ({
  backend: {
    callingUsers: (orgId: string, query: CallingUserQuery, offset: number, limit: number) =>
      new Promise<CallingUserPage>((resolve, reject) => {
        asked.push({
          orgId,
          query,
          offset,
          limit,
          answer: (total, prefix = `${orgId}:${query.reason ?? "all"}:${query.text}`) => {
            const count = Math.max(0, Math.min(limit, total - offset));
            const users = Array.from({ length: count }, (_, i) => ({ personId: `${prefix}:${offset + i}` }) as CallingUser);
            resolve({ total, offset, users });
          },
          fail: reject,
        });
      }),
  },
  toApiError: (e: unknown) => e,
}));

const { CallingUserList, PAGE_SIZE } = await import("./userList.svelte");

const settle = () => new Promise((r) => setTimeout(r, 0));
const ALL: CallingUserQuery = { reason: null, text: "" };
const ELIGIBLE: CallingUserQuery = { reason: "eligible", text: "" };

beforeEach(() => {
  asked.length = 0;
});

describe("the Calling screen's list, a page at a time", () => {
  it("reads the first page, then the pages the table scrolls to", async () => {
    const list = new CallingUserList();
    list.show("org", ALL, 1);
    expect(list.total).toBeNull();
    expect(asked.map((a) => [a.offset, a.limit])).toEqual([[0, PAGE_SIZE]]);
    asked[0].answer(250);
    await settle();
    expect(list.total).toBe(250);
    expect(list.shown).toEqual({ orgId: "org", query: ALL });
    expect(list.get(3)?.personId).toBe("org:all::3");
    expect(list.get(150)).toBeUndefined();
    list.ensure(140, 170);
    expect(asked.map((a) => a.offset)).toEqual([0, 100]);
    asked[1].answer(250);
    await settle();
    expect(list.get(150)?.personId).toBe("org:all::150");
  });

  it("asks nothing again for the same org, query and version", () => {
    const list = new CallingUserList();
    list.show("org", ALL, 1);
    list.show("org", { reason: null, text: "" }, 1);
    expect(asked).toHaveLength(1);
    list.show("org", ALL, 2);
    expect(asked).toHaveLength(2);
  });

  it("keeps the rows showing until another query's first page is in, then starts from it", async () => {
    const list = new CallingUserList();
    list.show("org", ALL, 1);
    asked[0].answer(250);
    await settle();
    const shownBefore = list.shown;
    list.show("org", ELIGIBLE, 1);
    expect(list.get(0)?.personId).toBe("org:all::0");
    expect(list.total).toBe(250);
    expect(list.shown).toBe(shownBefore);
    asked[1].answer(7);
    await settle();
    expect(list.total).toBe(7);
    expect(list.get(0)?.personId).toBe("org:eligible::0");
    expect(list.shown).toEqual({ orgId: "org", query: ELIGIBLE });
  });

  it("drops the answer to an older query that comes in late", async () => {
    const list = new CallingUserList();
    list.show("org", ALL, 1);
    list.show("org", ELIGIBLE, 1);
    asked[1].answer(7);
    await settle();
    asked[0].answer(250);
    await settle();
    expect(list.total).toBe(7);
    expect(list.get(0)?.personId).toBe("org:eligible::0");
    expect(list.shown?.query).toEqual(ELIGIBLE);
  });

  it("drops a page of the same query read at an older version", async () => {
    const list = new CallingUserList();
    list.show("org", ALL, 1);
    asked[0].answer(250);
    await settle();
    list.ensure(100, 130);
    list.show("org", ALL, 2);
    // The old version's page 1, answered after the new version was asked for.
    asked[1].answer(250, "stale");
    asked[2].answer(249, "fresh");
    await settle();
    expect(list.total).toBe(249);
    expect(list.get(100)?.personId).toBe("fresh:100");
    expect(list.get(0)).toBeUndefined();
  });

  it("read again after a fix, keeps the rows in view and the same query showing", async () => {
    const list = new CallingUserList();
    list.show("org", ALL, 1);
    asked[0].answer(250);
    await settle();
    list.ensure(90, 120);
    asked[1].answer(250);
    await settle();
    const shownBefore = list.shown;
    list.show("org", ALL, 2);
    // Rows 90-120 span two pages: the old rows stay until both are in.
    expect(asked.slice(2).map((a) => a.offset)).toEqual([0, 100]);
    asked[2].answer(249, "fresh");
    await settle();
    expect(list.total).toBe(250);
    expect(list.get(95)?.personId).toBe("org:all::95");
    asked[3].answer(249, "fresh");
    await settle();
    expect(list.total).toBe(249);
    expect(list.get(95)?.personId).toBe("fresh:95");
    expect(list.get(110)?.personId).toBe("fresh:110");
    expect(list.shown).toBe(shownBefore);
  });

  it("shows nothing of the last org while another org's rows load", async () => {
    const list = new CallingUserList();
    list.show("org", ALL, 1);
    asked[0].answer(250);
    await settle();
    list.show("next", ALL, 2);
    expect(list.total).toBeNull();
    expect(list.get(0)).toBeUndefined();
    expect(list.shown).toBeNull();
    asked[1].answer(3);
    await settle();
    expect(list.get(0)?.personId).toBe("next:all::0");
    expect(list.shown?.orgId).toBe("next");
  });

  it("keeps the error of the newest query", async () => {
    const list = new CallingUserList();
    list.show("org", ALL, 1);
    list.show("org", ELIGIBLE, 1);
    asked[0].fail({ code: "internal" });
    await settle();
    expect(list.error).toBeNull();
    asked[1].fail({ code: "database" });
    await settle();
    expect(list.error?.code).toBe("database");
  });
});
