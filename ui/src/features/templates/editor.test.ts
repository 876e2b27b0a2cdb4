import { describe, expect, it } from "vitest";
import type { Template } from "../../lib/bindings/Template";
import { TemplateEditor } from "./editor.svelte";

const sales: Template = {
  id: "t1",
  name: "Sales",
  groupId: "g1",
  licenses: ["calling", "messaging"],
  meetings: [{ siteUrl: "a.webex.com", account: { type: "host", licenseId: "mtg" } }],
};

describe("the template editor", () => {
  it("t4_existing_users_is_unchecked_every_time_the_editor_opens", () => {
    const editor = new TemplateEditor();
    editor.open(sales);
    editor.scope.setExistingUsers(true);
    editor.open(sales);
    expect(editor.scope.existingUsers).toBe(false);
    editor.scope.setExistingUsers(true);
    editor.open(null);
    expect([editor.scope.existingUsers, editor.scopeValue()]).toEqual([false, { existingUsers: false, preserve: true }]);
  });

  it("t5_asks_preserve_once_existing_users_is_checked", () => {
    const editor = new TemplateEditor();
    editor.open(null);
    expect(editor.asksPreserve).toBe(false);
    editor.scope.setExistingUsers(true);
    expect([editor.asksPreserve, editor.scopeValue()]).toEqual([true, { existingUsers: true, preserve: true }]);
  });

  it("t6_asks_preserve_when_an_edit_removes_a_service", () => {
    const editor = new TemplateEditor();
    editor.open(sales);
    editor.setLicense("messaging", false);
    expect(editor.asksPreserve).toBe(true);
    editor.scope.preserve.request(false);
    editor.scope.preserve.confirm();
    expect(editor.scopeValue()).toEqual({ existingUsers: false, preserve: false });
  });

  it("t6_a_preserve_off_no_longer_asked_sends_preserve", () => {
    const editor = new TemplateEditor();
    editor.open(sales);
    editor.setSite("a.webex.com", { kind: "none" });
    editor.scope.preserve.request(false);
    editor.scope.preserve.confirm();
    editor.setSite("a.webex.com", { kind: "host", licenseId: "mtg" });
    expect([editor.asksPreserve, editor.scopeValue().preserve]).toEqual([false, true]);
  });

  it("edits a copy: the saved template is untouched", () => {
    const editor = new TemplateEditor();
    editor.open(sales);
    editor.setLicense("contact-center", true);
    editor.form.name = "Sales EMEA";
    expect([sales.licenses, sales.name]).toEqual([["calling", "messaging"], "Sales"]);
    expect(editor.draft()).toMatchObject({ id: "t1", name: "Sales EMEA", licenses: ["calling", "messaging", "contact-center"] });
  });
});
