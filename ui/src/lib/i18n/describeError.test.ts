import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../backend";
import { describeError } from "./describeError";
import en from "./en.json";
import { createTranslator, type Catalog } from "./translate";

const translator = createTranslator("en", en, en);

describe("describeError", () => {
  it("uses the translated message and keeps the backend's as detail", () => {
    const d = describeError(translator, {
      code: "network",
      message: "error sending request for url (https://webexapis.com/v1/people)",
      trackingId: "ROUTER_123",
    });
    expect(d.summary).toBe("Webex could not be reached. Check your connection.");
    expect(d.detail).toBe("error sending request for url (https://webexapis.com/v1/people)");
    expect(d.trackingId).toBe("ROUTER_123");
  });

  it("drops the detail when it repeats the summary", () => {
    const d = describeError(translator, { code: "cancelled", message: "Cancelled.", trackingId: null });
    expect(d.detail).toBeNull();
  });

  it("falls back to the backend message when the code has no translation", () => {
    const bare = createTranslator("en", {} as Catalog, {} as Catalog);
    const d = describeError(bare, { code: "busy", message: "A sync is already running", trackingId: null });
    expect(d.summary).toBe("A sync is already running");
    expect(d.detail).toBeNull();
  });

  it("has an English message for every error code", () => {
    const missing = ERROR_CODES.filter((code) => !translator.has(`errors.${code}`));
    expect(missing).toEqual([]);
  });
});
