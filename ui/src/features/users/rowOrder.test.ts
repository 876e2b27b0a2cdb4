import { describe, expect, it } from "vitest";
import { compareRows, findRowIndex } from "./rowOrder";

const row = (displayName: string, id: string) => ({ displayName, id });

describe("the users table's order, as the backend sorts it", () => {
  it("folds ASCII case only, like SQLite's NOCASE", () => {
    expect(compareRows(row("ada", "1"), row("Bo", "2"))).toBeLessThan(0);
    expect(compareRows(row("ADA", "1"), row("ada", "2"))).toBeLessThan(0);
    // Not folded: É (C3 89) sorts after every ASCII letter.
    expect(compareRows(row("Émile", "1"), row("Zoe", "2"))).toBeGreaterThan(0);
  });

  it("breaks a tie on the name by the id", () => {
    expect(compareRows(row("Ann", "b"), row("ann", "a"))).toBeGreaterThan(0);
  });
});

describe("finding a person's row", () => {
  const people = [row("Ada", "p3"), row("ann", "p1"), row("Ann", "p2"), row("Bo", "p9"), row("Émile", "p5"), row("Zoë", "p4")].sort(
    compareRows,
  );
  let fetched = 0;
  const rowAt = async (index: number) => {
    fetched++;
    return people[index];
  };

  it("finds every person at their index", async () => {
    for (const [index, person] of people.entries()) {
      expect(await findRowIndex(person, people.length, rowAt)).toBe(index);
    }
  });

  it("asks for a handful of rows, not the whole list", async () => {
    fetched = 0;
    await findRowIndex(people[4], people.length, rowAt);
    expect(fetched).toBeLessThanOrEqual(Math.ceil(Math.log2(people.length)) + 2);
  });

  it("finds them in the reverse order too (by name, descending)", async () => {
    const reversed = [...people].reverse();
    const at = async (index: number) => reversed[index];
    for (const [index, person] of reversed.entries()) {
      expect(await findRowIndex(person, reversed.length, at, true)).toBe(index);
    }
    expect(await findRowIndex(row("Ann", "p7"), reversed.length, at, true)).toBeNull();
  });

  it("answers null for someone not in the list", async () => {
    expect(await findRowIndex(row("Ann", "p7"), people.length, rowAt)).toBeNull();
    expect(await findRowIndex(row("Zz", "p8"), people.length, rowAt)).toBeNull();
    expect(await findRowIndex(row("Ada", "p3"), 0, rowAt)).toBeNull();
  });
});
