import type { Theme } from "./bindings/Theme";

export type AppliedTheme = "light" | "dark";

export function resolveTheme(theme: Theme, systemPrefersDark: boolean): AppliedTheme {
  if (theme === "system") return systemPrefersDark ? "dark" : "light";
  return theme;
}

const darkQuery = () => window.matchMedia("(prefers-color-scheme: dark)");

let stopFollowingSystem: (() => void) | null = null;

// The last theme is also kept in localStorage, so the next start paints in
// the right colours before the settings arrive from the backend.
const STORAGE_KEY = "hubdesk.theme";

export function rememberedTheme(): Theme {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === "light" || stored === "dark" ? stored : "system";
}

/** Sets `data-theme` on <html>; for `system`, keeps following the OS. */
export function applyTheme(theme: Theme): void {
  localStorage.setItem(STORAGE_KEY, theme);
  stopFollowingSystem?.();
  stopFollowingSystem = null;
  const query = darkQuery();
  const set = () => {
    document.documentElement.dataset.theme = resolveTheme(theme, query.matches);
  };
  set();
  if (theme === "system") {
    query.addEventListener("change", set);
    stopFollowingSystem = () => query.removeEventListener("change", set);
  }
}
