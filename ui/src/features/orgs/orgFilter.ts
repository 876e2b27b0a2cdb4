// The org switcher's filter: a partner with 200 customers types part of a
// name. Every typed word must occur in the name, in any order, with case and
// accents ignored; the orgs keep their order (home first, then by name).

import type { OrgSummary } from "../../lib/bindings/OrgSummary";

function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export function filterOrgs(orgs: readonly OrgSummary[], text: string): OrgSummary[] {
  const words = fold(text).split(/\s+/).filter((w) => w !== "");
  if (words.length === 0) return [...orgs];
  return orgs.filter((org) => {
    const name = fold(org.displayName);
    return words.every((w) => name.includes(w));
  });
}
