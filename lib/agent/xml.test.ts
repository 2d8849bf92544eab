import { describe, expect, it } from "vitest";
import { VsphereError } from "./errors";
import { attr, children, escapeXml, parseXml, path, textAt, xsiType } from "./xml";

describe("parseXml", () => {
  it("refuses a DOCTYPE (entity expansion) outright", () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>';
    expect(() => parseXml(bomb, "vc.example")).toThrow(VsphereError);
    expect(() => parseXml(bomb, "vc.example")).toThrow(/DOCTYPE/);
  });

  it("keeps a MoRef's type and a value's xsi:type apart, whatever the XSI prefix", () => {
    const doc = parseXml(
      '<r xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance"><val XMLSchema-instance:type="ManagedObjectReference" type="HostSystem">host-9</val></r>',
      "t",
    );
    const val = path(doc, "r.val");
    expect(xsiType(val)).toBe("ManagedObjectReference");
    expect(attr(val, "type")).toBe("HostSystem");
    expect(textAt(doc, "r.val")).toBe("host-9");
  });

  it("keeps text as text (no number guessing) and repeats as arrays", () => {
    const doc = parseXml("<r><v>007</v><d>1</d><d>2</d><e>a &amp; b</e></r>", "t");
    expect(textAt(doc, "r.v")).toBe("007");
    expect(children(path(doc, "r"), "d")).toEqual(["1", "2"]);
    expect(textAt(doc, "r.e")).toBe("a & b");
  });

  it("escapes what it writes", () => {
    expect(escapeXml(`a<b>&"c'`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;");
  });
});
