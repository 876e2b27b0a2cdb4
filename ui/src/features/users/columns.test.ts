import { describe, expect, it } from "vitest";
import { fittingColumns, minWidth, USER_COLUMNS } from "./columns";

const ids = (width: number) => fittingColumns(width).map((c) => c.id);

// At 1280 px the main area is 1096 px wide, at 1440 px 1256; the detail
// pane takes 360.
const ALONE = 1096;
const WIDE = 1256;
const BESIDE_PANE = 1096 - 360;

describe("the users table's columns", () => {
  it("shows every column, Calling included, when a wide window is the table's alone", () => {
    expect(ids(WIDE)).toEqual(USER_COLUMNS.map((c) => c.id));
    expect(ids(WIDE)).toContain("calling");
  });

  it("at 1280 px only the extension makes way; the Calling column stays", () => {
    expect(ids(ALONE)).toEqual(USER_COLUMNS.map((c) => c.id).filter((id) => id !== "extension"));
  });

  it("beside the detail pane at 1280 px, extension, location, phone and Calling make way, not everything shrinking", () => {
    expect(ids(BESIDE_PANE)).toEqual(["name", "email", "status", "licenses"]);
    expect(minWidth(fittingColumns(BESIDE_PANE))).toBeLessThanOrEqual(BESIDE_PANE);
  });

  it("gives way in order: extension, then location, phone, Calling and status", () => {
    const width = (id: string) => USER_COLUMNS.find((c) => c.id === id)!.min;
    let room = minWidth(USER_COLUMNS);
    const order = ["extension", "location", "phone", "calling", "status"];
    for (const [i, id] of order.entries()) {
      expect(ids(room)).toContain(id);
      expect(ids(room - 1)).not.toContain(id);
      // The next one still stands until its own turn.
      if (i + 1 < order.length) expect(ids(room - 1)).toContain(order[i + 1]);
      room -= width(id);
    }
    expect(ids(400)).toEqual(["name", "email", "licenses"]);
  });
});
