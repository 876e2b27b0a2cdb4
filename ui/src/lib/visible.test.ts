import { describe, expect, it } from "vitest";
import { visible } from "./visible";

describe("visible: text from Webex shows every character it holds", () => {
  it("marks a right-to-left override instead of letting it reverse the rest", () => {
    expect(visible("Anna \u202Egpj.exe")).toBe("Anna ⟨U+202E⟩gpj.exe");
  });

  it("marks every bidi embedding, override and isolate", () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      const hex = code.toString(16).toUpperCase();
      expect(visible(`a${String.fromCodePoint(code)}b`)).toBe(`a⟨U+${hex}⟩b`);
    }
  });

  it("marks zero-width characters that hide a difference between two names", () => {
    for (const code of [0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0xfeff]) {
      expect(visible(`Jo${String.fromCodePoint(code)}hn`)).not.toBe("John");
      expect(visible(`Jo${String.fromCodePoint(code)}hn`)).toMatch(/^Jo⟨U\+[0-9A-F]{4}⟩hn$/);
    }
  });

  it("marks other control and format characters, and line separators", () => {
    expect(visible("a\tb\nc\u0000d")).toBe("a⟨U+0009⟩b⟨U+000A⟩c⟨U+0000⟩d");
    expect(visible("a\u00adb")).toBe("a⟨U+00AD⟩b"); // soft hyphen (Cf)
    expect(visible("a\u2028b")).toBe("a⟨U+2028⟩b");
    expect(visible("tag\u{E0041}")).toBe("tag⟨U+E0041⟩"); // a tag character, outside the BMP
  });

  it("leaves ordinary names alone, whatever their script", () => {
    for (const name of ["Åsa Björk", "José Núñez", "محمد علي", "שרה כהן", "王小明", "Zoë O'Brien-Smith", "a.b+c@example.com"]) {
      expect(visible(name)).toBe(name);
    }
  });
});
