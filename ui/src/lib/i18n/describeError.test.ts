import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../backend";
import { describeError } from "./describeError";
import en from "./en.json";
import { createTranslator, type Catalog } from "./translate";

const translator = createTranslator("en", en, en);

describe("describeError", () => {
  it("titles with the code's message, says the backend's sentence, and folds the technical detail away", () => {
    const d = describeError(translator, {
      code: "network",
      message: "Webex cannot be reached. Check your network connection, then try again.",
      detail: "cannot reach webexapis.com: error sending request for url (https://webexapis.com/v1/people)",
      trackingId: "ROUTER_123",
    });
    expect(d.summary).toBe("Webex could not be reached. Check your connection.");
    expect(d.sentence).toBe("Webex cannot be reached. Check your network connection, then try again.");
    expect(d.sentence).not.toContain("https://");
    expect(d.technical).toBe(
      "code: network\ncannot reach webexapis.com: error sending request for url (https://webexapis.com/v1/people)\ntracking id: ROUTER_123",
    );
  });

  it("drops the sentence when it repeats the summary, and has no details without any", () => {
    const d = describeError(translator, { code: "cancelled", message: "Cancelled.", detail: null, trackingId: null });
    expect(d.sentence).toBeNull();
    expect(d.technical).toBeNull();
  });

  it("falls back to the backend message when the code has no translation", () => {
    const bare = createTranslator("en", {} as Catalog, {} as Catalog);
    const d = describeError(bare, { code: "busy", message: "A sync is already running", detail: null, trackingId: null });
    expect(d.summary).toBe("A sync is already running");
    expect(d.sentence).toBeNull();
  });

  it("has an English message for every error code", () => {
    const missing = ERROR_CODES.filter((code) => !translator.has(`errors.${code}`));
    expect(missing).toEqual([]);
  });
});
