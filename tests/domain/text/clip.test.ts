import { describe, expect, it } from "vitest";
import { clip } from "../../../src/domain/text/clip.js";

describe("clip", () => {
  it("keeps a text that fits, and cuts a longer one to exactly max characters ending in …", () => {
    expect(clip("停车位", 3)).toBe("停车位");
    expect(clip("停车位不够用", 4)).toBe("停车位…");
    expect([...clip("abcdefgh", 5)]).toHaveLength(5);
  });

  it("counts code points, so an emoji is never cut in half", () => {
    expect(clip("🚗🚗🚗🚗", 3)).toBe("🚗🚗…");
  });
});
