import { describe, expect, it } from "vitest";
import en from "../../lib/i18n/en.json";
import { createTranslator } from "../../lib/i18n/translate";
import { locationLine, siteRoleWords } from "./personDetail";

const t = createTranslator("en", en, en);
const say = (url: string) => {
  const words = siteRoleWords(url);
  return t.t(words.key, words.params);
};

describe("a Meetings site in the detail pane", () => {
  it("says attendee for a site#attendee entry, without the code", () => {
    expect(say("acme.webex.com#attendee")).toBe("Attendee on acme.webex.com");
  });

  it("says host for a bare site, which is how Webex lists a host", () => {
    expect(say("acme.webex.com")).toBe("Host on acme.webex.com");
  });

  it("keeps a role it does not know, rather than hiding it", () => {
    expect(say("acme.webex.com#cohost")).toBe("Role cohost on acme.webex.com");
  });
});

describe("a location in the detail pane", () => {
  it("shows the cached name with the id beside it", () => {
    expect(locationLine({ locationId: "Y2lz-LOC1", locationName: "Oslo HQ" })).toEqual({ main: "Oslo HQ", id: "Y2lz-LOC1" });
  });

  it("falls back to the id when the cache has no name for it", () => {
    expect(locationLine({ locationId: "Y2lz-LOC1", locationName: null })).toEqual({ main: "Y2lz-LOC1", id: null });
  });

  it("has no line without a location", () => {
    expect(locationLine({ locationId: null, locationName: null })).toBeNull();
  });
});
