// The detail pane's words for what Webex spells as codes: a Meetings site
// with the account's role on it, a location by name.

import type { PersonDetail } from "../../lib/bindings/PersonDetail";
import type { Words } from "../templates/preview";

/** Webex lists a host's site as `site` and an attendee's as `site#attendee`
 * (webex-api.md, siteUrls). A suffix this version does not know is kept as
 * it is, so nothing Webex says is hidden. */
export function siteRoleWords(siteUrl: string): Words {
  const hash = siteUrl.indexOf("#");
  const site = hash < 0 ? siteUrl : siteUrl.slice(0, hash);
  const role = hash < 0 ? "host" : siteUrl.slice(hash + 1).toLowerCase();
  if (role === "host") return { key: "person.siteHost", params: { site } };
  if (role === "attendee") return { key: "person.siteAttendee", params: { site } };
  return { key: "person.siteOther", params: { site, role: siteUrl.slice(hash + 1) } };
}

export interface LocationLine {
  /** What the row says: the name when the cache knows it, else the id. */
  main: string;
  /** The id under the name, for finding the location in Control Hub. */
  id: string | null;
}

export function locationLine(person: Pick<PersonDetail, "locationId" | "locationName">): LocationLine | null {
  if (!person.locationId) return null;
  if (!person.locationName) return { main: person.locationId, id: null };
  return { main: person.locationName, id: person.locationId };
}
