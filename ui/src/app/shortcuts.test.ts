import { describe, expect, it } from "vitest";
import { SEQUENCE_MS, ShortcutReader, type KeyPress } from "./shortcuts";

const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe("keyboard shortcuts", () => {
  it("goes to a screen with g then its letter", () => {
    const reader = new ShortcutReader();
    expect(reader.read(key("g"), false, 0)).toBeNull();
    expect(reader.read(key("t"), false, 300)).toEqual({ kind: "screen", screen: "templates" });
    reader.read(key("g"), false, 1000);
    expect(reader.read(key("u"), false, 1100)).toEqual({ kind: "screen", screen: "users" });
  });

  it("forgets the g after a pause or another key", () => {
    const reader = new ShortcutReader();
    reader.read(key("g"), false, 0);
    expect(reader.read(key("t"), false, SEQUENCE_MS + 1)).toBeNull();
    reader.read(key("g"), false, 5000);
    reader.read(key("x"), false, 5100);
    expect(reader.read(key("t"), false, 5200)).toBeNull();
  });

  it("syncs on Shift+S only, not on a plain s", () => {
    const reader = new ShortcutReader();
    expect(reader.read(key("S", {}), false, 0)).toEqual({ kind: "sync" });
    expect(reader.read(key("s"), false, 0)).toBeNull();
  });

  it("opens the list of shortcuts on ?", () => {
    expect(new ShortcutReader().read(key("?"), false, 0)).toEqual({ kind: "help" });
  });

  it("opens the Meetings troubleshooter on m, but not with m typed or in a dialog", () => {
    expect(new ShortcutReader().read(key("m"), false, 0)).toEqual({ kind: "troubleshoot" });
    expect(new ShortcutReader().read(key("m"), true, 0)).toBeNull();
    expect(new ShortcutReader().read(key("m", { ctrlKey: true }), false, 0)).toBeNull();
  });

  it("does nothing while typing or with a dialog open", () => {
    const reader = new ShortcutReader();
    expect(reader.read(key("S"), true, 0)).toBeNull();
    expect(reader.read(key("?"), true, 0)).toBeNull();
    reader.read(key("g"), true, 0);
    expect(reader.read(key("u"), false, 10)).toBeNull();
  });

  it("leaves the webview's and the system's chords alone", () => {
    const reader = new ShortcutReader();
    expect(reader.read(key("S", { ctrlKey: true }), false, 0)).toBeNull();
    expect(reader.read(key("S", { metaKey: true }), false, 0)).toBeNull();
    reader.read(key("g"), false, 0);
    expect(reader.read(key("u", { altKey: true }), false, 10)).toBeNull();
  });
});
