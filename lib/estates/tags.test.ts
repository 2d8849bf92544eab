import { describe, expect, it } from "vitest";
import { blankVm } from "@/lib/vm/model";
import { tagChoiceFromFields, tagChoiceSchema, tagsFor } from "./tags";

describe("tag choice", () => {
  it("tags by guest family with a fallback", () => {
    const choice = tagChoiceSchema.parse(tagChoiceFromFields({ tag: "nginx", "tag.windows": "mssql", "tag.linux": "" }));
    const win = blankVm("rvtools");
    win.guestOs.family = "windows";
    const unknown = blankVm("rvtools");
    expect(tagsFor(win, choice)).toEqual([{ slug: "mssql", version: null, primary: true }]);
    expect(tagsFor(unknown, choice)).toEqual([{ slug: "nginx", version: null, primary: true }]);
  });

  it("refuses a missing or unknown application", () => {
    expect(tagChoiceSchema.safeParse(tagChoiceFromFields({})).success).toBe(false);
    const r = tagChoiceSchema.safeParse({ default: "no-such-app" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["default"]);
  });
});
