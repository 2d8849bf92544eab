import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { UtilizationSection } from "./utilization-section";

describe("UtilizationSection", () => {
  it("lists each figure with its provenance in plain words", () => {
    const html = renderToStaticMarkup(createElement(UtilizationSection, {
      figures: [
        { metric: "cpu.usage.pct", statistic: "sample", window: null, source: "rvtools", value: 12 },
        { metric: "cpu.usage.pct", statistic: "average", window: "P30D", source: "vcenter", value: 6 },
      ],
    }));
    const text = html.replace(/<[^>]+>/g, "");
    expect(text).toContain("CPU 12% · point-in-time sample from RVTools");
    expect(text).toContain("CPU 6% · average over 30 days from vCenter");
  });

  it("renders nothing when there is no figure", () => {
    expect(renderToStaticMarkup(createElement(UtilizationSection, { figures: [] }))).toBe("");
  });
});
