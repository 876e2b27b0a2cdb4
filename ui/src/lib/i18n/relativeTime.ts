// "3 minutes ago" from two timestamps. The unit choice is pure and tested;
// the wording comes from Intl.RelativeTimeFormat in the chosen language.

type Unit = "minute" | "hour" | "day" | "month" | "year";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Under this, the UI says "just now" instead of a number of seconds. */
export const JUST_NOW_MS = 45_000;

export function relativeUnit(elapsedMs: number): { value: number; unit: Unit } | "now" {
  const ms = Math.max(0, elapsedMs);
  if (ms < JUST_NOW_MS) return "now";
  if (ms < HOUR) return { value: Math.max(1, Math.round(ms / MINUTE)), unit: "minute" };
  if (ms < DAY) return { value: Math.round(ms / HOUR), unit: "hour" };
  if (ms < 30 * DAY) return { value: Math.round(ms / DAY), unit: "day" };
  if (ms < 365 * DAY) return { value: Math.round(ms / (30 * DAY)), unit: "month" };
  return { value: Math.round(ms / (365 * DAY)), unit: "year" };
}

/** "3 minutes ago", or `justNow` for anything under 45 seconds (including a
 * clock slightly behind the backend's). */
export function formatRelative(
  thenMs: number,
  nowMs: number,
  locale: string,
  justNow: string,
): string {
  const unit = relativeUnit(nowMs - thenMs);
  if (unit === "now") return justNow;
  return new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(-unit.value, unit.unit);
}
