// The users table in the mock backend: search, filters and orders after
// the store's rules (store/people_query.rs), and numbers for reading.

import type { AccountStatus } from "./bindings/AccountStatus";
import type { PeopleFilterOptions } from "./bindings/PeopleFilterOptions";
import type { PeoplePage } from "./bindings/PeoplePage";
import type { PeopleQuery } from "./bindings/PeopleQuery";
import type { PersonDetail } from "./bindings/PersonDetail";
import type { PersonRow } from "./bindings/PersonRow";
import type { ReadableNumber } from "./bindings/ReadableNumber";
import { compareRows } from "../features/users/rowOrder";

/** Mostly valid US numbers; now and then one typed with 00, one too long
 * and one without its country, as real directories have them. */
export function mockNumber(i: number): string {
  if (i % 23 === 5) return "004533141647";
  if (i % 29 === 7) return "+453316540499";
  if (i % 31 === 9) return "33 16 54 04";
  return `+1 415 555 ${String(1000 + i).slice(-4)}`;
}

function readable(value: string): ReadableNumber {
  const us = /^\+1 (\d{3}) (\d{3}) (\d{4})$/.exec(value);
  if (us) return { display: `+1 ${us[1]}-${us[2]}-${us[3]}`, valid: true };
  if (value === "004533141647") return { display: "+45 33 14 16 47", valid: true };
  return { display: value, valid: false };
}

function account(p: PersonDetail): AccountStatus {
  if (p.invitePending) return "invitePending";
  return p.loginEnabled === false ? "deactivated" : "active";
}

export function toRow(p: PersonDetail): PersonRow {
  const number = p.phoneNumbers[0]?.value ?? null;
  return {
    id: p.id,
    displayName: p.displayName,
    email: p.emails[0] ?? "",
    status: p.status,
    account: account(p),
    licenses: p.licenses.map((l) => l.name).sort(),
    phoneNumber: number,
    phone: number === null ? null : readable(number),
    extension: p.extension,
    locationName: p.locationName,
  };
}

const ACCOUNTS: AccountStatus[] = ["active", "invitePending", "deactivated"];
const digits = (n: string | null) => (n === null ? "~" : n.replace(/\D/g, "").replace(/^00/, "") || "~");

/** Sort keys, as the store's: ties go by name, whichever the direction. */
function key(p: PersonDetail, by: PeopleQuery["sort"]["key"]): string | number {
  switch (by) {
    case "email":
      return (p.emails[0] ?? "").toLowerCase();
    case "status":
      return ACCOUNTS.indexOf(account(p));
    case "number":
      return digits(p.phoneNumbers[0]?.value ?? null);
    case "location":
      // Known names first, then unknown locations, then none.
      return p.locationId === null ? "\uffff\uffff" : p.locationName === null ? `\uffff${p.locationId}` : p.locationName.toLowerCase();
    default:
      return "";
  }
}

export function searchPeople(people: PersonDetail[], query: PeopleQuery): PeoplePage {
  const text = query.text.trim().toLowerCase();
  const { status, license, location, calling } = query.filter;
  const matches = people.filter(
    (p) =>
      (!text ||
        p.displayName.toLowerCase().includes(text) ||
        p.emails.some((e) => e.includes(text)) ||
        p.phoneNumbers.some((n) => n.value.replace(/\s/g, "").includes(text.replace(/\s/g, ""))) ||
        (p.extension ?? "").includes(text)) &&
      (status === null || account(p) === status) &&
      (license === null || p.licenses.some((l) => l.id === license)) &&
      (location === null || p.locationId === location) &&
      (!calling || p.locationId !== null || p.extension !== null),
  );
  const { key: by, descending } = query.sort;
  const sign = descending ? -1 : 1;
  const ordered =
    by === "name"
      ? descending
        ? [...matches].reverse()
        : matches
      : [...matches].sort((a, b) => {
          const [x, y] = [key(a, by), key(b, by)];
          return (x < y ? -sign : x > y ? sign : 0) || compareRows(a, b);
        });
  return {
    total: ordered.length,
    offset: query.offset,
    rows: ordered.slice(query.offset, query.offset + query.limit).map(toRow),
  };
}

export function filterOptions(people: PersonDetail[]): PeopleFilterOptions {
  const licenses = new Map<string, string>();
  const locations = new Map<string, string>();
  for (const p of people) {
    for (const l of p.licenses) licenses.set(l.id, l.name);
    if (p.locationId && p.locationName) locations.set(p.locationId, p.locationName);
  }
  const sorted = (m: Map<string, string>) =>
    [...m].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  return { licenses: sorted(licenses), locations: sorted(locations) };
}
