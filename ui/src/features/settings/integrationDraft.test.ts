import { describe, expect, it, vi } from "vitest";
import type { IntegrationInput } from "../../lib/bindings/IntegrationInput";
import type { Settings } from "../../lib/bindings/Settings";

const checked: IntegrationInput[] = [];
vi.mock("../../lib/backend", () => ({
  backend: {
    // The backend's rules, reduced to what these tests need.
    checkIntegration: async (input: IntegrationInput) => {
      checked.push(input);
      return input.clientId.includes(" ") || input.clientId === ""
        ? [{ field: "clientId", message: "Bad client ID." }]
        : [];
    },
  },
}));

const { IntegrationDraft } = await import("./integrationDraft.svelte");

const saved: Settings = {
  clientId: "",
  hasClientSecret: false,
  redirectUri: "http://127.0.0.1:8765/callback",
  theme: "system",
  language: "en",
  scopes: [],
};

describe("IntegrationDraft", () => {
  it("shows a field's problem only once the field was left, then as typed", async () => {
    const draft = new IntegrationDraft(saved);
    draft.clientId = "my id with spaces!";
    await draft.check();
    expect(draft.problemOf("clientId")).toBeNull();
    draft.left("clientId");
    await draft.check();
    expect(draft.problemOf("clientId")).toBe("Bad client ID.");
    draft.clientId = "Cabc123456789";
    await draft.check();
    expect(draft.problemOf("clientId")).toBeNull();
  });

  it("is not ready to save with an empty client ID, and shows why", async () => {
    const draft = new IntegrationDraft(saved);
    expect(await draft.ready()).toBe(false);
    expect(draft.problemOf("clientId")).toBe("Bad client ID.");
    draft.clientId = "Cabc123456789";
    expect(await draft.ready()).toBe(true);
  });

  it("sends a typed secret, and none to keep the stored one", () => {
    const draft = new IntegrationDraft(saved);
    expect(draft.input().clientSecret).toBeNull();
    draft.clientSecret = "s3cret-value";
    expect(draft.input().clientSecret).toBe("s3cret-value");
    expect(draft.input("").clientSecret).toBe("");
  });
});
