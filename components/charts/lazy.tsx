"use client";

import dynamic from "next/dynamic";

/**
 * Recharts is the heaviest part of the site's JavaScript. Pages import these
 * lazy versions so that the first load stays small: the page, its numbers and
 * text render at once, and the charts follow as soon as their code arrives.
 * The VM page's histograms and scatter need no JavaScript at all: they are
 * drawn on the server (histogram-svg.tsx, scatter-svg.tsx).
 */
function placeholder(height: number) {
  function ChartPlaceholder() {
    return <div className="skeleton" style={{ height, width: "100%" }} aria-hidden="true" />;
  }
  return ChartPlaceholder;
}

export const LazyReportCharts = dynamic(() => import("@/components/reports/report-charts").then((m) => m.ReportCharts), {
  ssr: false,
  loading: placeholder(240),
});
