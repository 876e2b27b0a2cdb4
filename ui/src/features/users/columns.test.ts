import { describe, expect, it } from "vitest";
import { fittingColumns, minWidth, USER_COLUMNS } from "./columns";

const ids = (width: number) => fittingColumns(width).map((c) => c.id);

// At 1280 px the main area is 1096 px wide; the detail pane takes 360.
const ALONE = 1096;
const BESIDE_PANE = 1096 - 360;

describe("the users table's columns", () => {
  it("shows every column when the table has the window to itself", () => {
    expect(ids(ALONE)).toEqual(USER_COLUMNS.map((c) => c.id));
  });

  it("beside the detail pane at 1280 px, extension, location and phone make way, not everything shrinking", () => {
    expect(ids(BESIDE_PANE)).toEqual(["name", "email", "status", "licenses"]);
    expect(minWidth(fittingColumns(BESIDE_PANE))).toBeLessThanOrEqual(BESIDE_PANE);
  });

  it("gives way in order: extension, then location, phone and status", () => {
    const all = minWidth(USER_COLUMNS);
    const width = (id: string) => USER_COLUMNS.find((c) => c.id === id)!.min;
    expect(ids(all - 1)).not.toContain("extension");
    expect(ids(all - 1)).toContain("location");
    const noExtension = all - width("extension");
    expect(ids(noExtension - 1)).not.toContain("location");
    expect(ids(noExtension - 1)).toContain("phone");
    const noLocation = noExtension - width("location");
    expect(ids(noLocation - 1)).not.toContain("phone");
    expect(ids(noLocation - 1)).toContain("status");
    expect(ids(400)).toEqual(["name", "email", "licenses"]);
  });
});
