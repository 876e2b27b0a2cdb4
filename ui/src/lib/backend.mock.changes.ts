// The fake tenant's change log (see backend.mock.ts): a few past syncs per
// org with the kinds of differences a real tenant shows (new starters,
// leavers, a license rollout, renumbering) and, for the partner's own org,
// BroadWorks subscribers moving through their provisioning states.

import type { ChangeRow } from "./bindings/ChangeRow";
import type { PersonDetail } from "./bindings/PersonDetail";

type Random = () => number;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const LICENSES = ["Webex Calling - Professional", "Webex Meetings - Enterprise", "Webex Messaging", "Webex Calling - Basic", "Webex Suite - Meet + Call"];
const LEAVERS = ["Sofia Brandt", "Marco Conti", "Ines Duarte", "Tomasz Nowak", "Aino Virtanen", "Luca Ferrari", "Nora Berg"];
const STATUS_MOVES = ["provisioning → provisioned", "updating → provisioned", "provisioning → error", "pending_email_validation → provisioning", "pending_user_migration → provisioned", "provisioned → updating"];

/** How long before the latest sync each earlier one ran, per org. */
const HISTORY: Record<string, number[]> = {
  "org-home": [0, 26 * HOUR, 6 * DAY, 20 * DAY],
  "org-contoso": [0, 7 * DAY],
  "org-globex": [0, 14 * DAY, 39 * DAY],
  "org-initech": [0, 23 * HOUR, 4 * DAY],
};

const pickFrom = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** Numbers of the mock's shape, "+1 415 555 0123". */
const phone = (random: Random) => `+1 415 555 ${String(Math.floor(random() * 10_000)).padStart(4, "0")}`;

function change(atMs: number, kind: ChangeRow["kind"], person: { id: string; displayName: string }, detail: string | null = null): ChangeRow {
  return { atMs, kind, personId: person.id, displayName: person.displayName, detail, cached: kind !== "person_removed" && kind !== "subscriber_status" };
}

/** The differences one sync found; a rollout adds one license to many. */
function oneSync(orgId: string, people: readonly PersonDetail[], atMs: number, random: Random, subscribers: boolean, rollout: boolean): ChangeRow[] {
  // Nobody shows up twice with the same kind of change in one sync (and no
  // one both gains and loses a license); someone new has only been added.
  // By name, as namesakes would look like one person listed twice.
  const taken = new Set<string>();
  const someone = (kind: string) => {
    let person = pickFrom(random, people);
    while (taken.has(`${kind}:${person.displayName}`) || taken.has(`new:${person.displayName}`)) person = pickFrom(random, people);
    taken.add(`${kind}:${person.displayName}`);
    return person;
  };
  const firstLeaver = Math.floor(random() * LEAVERS.length);
  const leaver = (i: number) => ({ id: `${orgId}-former-${atMs}-${i}`, displayName: LEAVERS[(firstLeaver + i) % LEAVERS.length] });
  const times = (n: number) => Array.from({ length: n }, (_, i) => i);
  const rows: ChangeRow[] = [
    ...times(1 + Math.floor(random() * 4)).map(() => change(atMs, "person_added", someone("new"))),
    ...times(Math.floor(random() * 3)).map((i) => change(atMs, "person_removed", leaver(i))),
    ...times(Math.floor(random() * 4)).map(() => change(atMs, "license_lost", someone("license"), pickFrom(random, LICENSES))),
    ...times(1 + Math.floor(random() * 3)).map(() => change(atMs, "number_changed", someone("number_changed"), `${random() < 0.3 ? "—" : phone(random)} → ${phone(random)}`)),
    ...times(Math.floor(random() * 3)).map(() => {
      const from = 2000 + Math.floor(random() * 900);
      return change(atMs, "extension_changed", someone("extension_changed"), `${from} → ${from + 1000}`);
    }),
  ];
  // A rollout gives a whole team the same license in one sync.
  const gained = rollout ? 18 + Math.floor(random() * 10) : Math.floor(random() * 4);
  const license = rollout ? "Webex Calling - Professional" : pickFrom(random, LICENSES);
  rows.push(...times(gained).map(() => change(atMs, "license_gained", someone("license"), license)));
  if (subscribers) {
    rows.push(
      ...times(1 + Math.floor(random() * 3)).map((i) => {
        const address = someone("subscriber_status").emails[0] ?? `subscriber${i}@example.com`;
        return change(atMs, "subscriber_status", { id: `sub-${atMs}-${i}`, displayName: address }, pickFrom(random, STATUS_MOVES));
      }),
    );
  }
  return rows;
}

/** An org's log up to its latest sync at `lastSyncedMs`, newest first. An
 * org synced once (no history) has none. Someone the oldest sync saw join,
 * the newest saw leave: a person who can no longer be opened. */
export function changeHistory(orgId: string, people: readonly PersonDetail[], lastSyncedMs: number | null, random: Random, isHome: boolean): ChangeRow[] {
  const history = HISTORY[orgId];
  if (lastSyncedMs === null || !history || people.length === 0) return [];
  const cameAndWent = { id: `${orgId}-came-and-went`, displayName: "Henrik Aalto" };
  const syncs = history.map((ago, i) => oneSync(orgId, people, lastSyncedMs - ago, random, isHome, i === 1));
  syncs[0].push(change(lastSyncedMs, "person_removed", cameAndWent));
  syncs[syncs.length - 1].push(change(lastSyncedMs - history[history.length - 1], "person_added", cameAndWent));
  return syncs.flat();
}

/** What a sync of an already synced org found this time. */
export function changesOfSync(orgId: string, people: readonly PersonDetail[], atMs: number, random: Random, isHome: boolean): ChangeRow[] {
  return oneSync(orgId, people, atMs, random, isHome, false);
}
