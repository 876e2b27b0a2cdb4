import { describe, expect, it } from "vitest";
import { formatRelative, relativeUnit } from "./relativeTime";

const MINUTE = 60_000;
const now = Date.UTC(2025, 0, 15, 12, 0, 0);

describe("relativeUnit", () => {
  it("calls anything under 45 seconds 'now', including clock skew", () => {
    expect(relativeUnit(0)).toBe("now");
    expect(relativeUnit(44_000)).toBe("now");
    expect(relativeUnit(-5_000)).toBe("now");
  });

  it("rounds to the nearest sensible unit", () => {
    expect(relativeUnit(45_000)).toEqual({ value: 1, unit: "minute" });
    expect(relativeUnit(3 * MINUTE + 10_000)).toEqual({ value: 3, unit: "minute" });
    expect(relativeUnit(59 * MINUTE)).toEqual({ value: 59, unit: "minute" });
    expect(relativeUnit(60 * MINUTE)).toEqual({ value: 1, unit: "hour" });
    expect(relativeUnit(36 * 60 * MINUTE)).toEqual({ value: 2, unit: "day" });
    expect(relativeUnit(400 * 24 * 60 * MINUTE)).toEqual({ value: 1, unit: "year" });
  });
});

describe("formatRelative", () => {
  it("writes English phrases", () => {
    expect(formatRelative(now - 3 * MINUTE, now, "en", "just now")).toBe("3 minutes ago");
    expect(formatRelative(now - 2 * 60 * MINUTE, now, "en", "just now")).toBe("2 hours ago");
    expect(formatRelative(now - 24 * 60 * MINUTE, now, "en", "just now")).toBe("yesterday");
    expect(formatRelative(now - 10_000, now, "en", "just now")).toBe("just now");
  });

  it("follows the chosen language", () => {
    expect(formatRelative(now - 3 * MINUTE, now, "fr", "à l’instant")).toBe("il y a 3 minutes");
  });
});
