"use client";

import dynamic from "next/dynamic";

/**
 * Recharts is the heaviest part of the site's JavaScript. Pages import these
 * lazy versions so that the first load stays small: the page, its numbers and
 * text render at once, and the charts follow as soon as their code arrives.
 */
function placeholder(height: number) {
  function ChartPlaceholder() {
    return <div className="skeleton" style={{ height, width: "100%" }} aria-hidden="true" />;
  }
  return ChartPlaceholder;
}

export const LazyHistogramChart = dynamic(() => import("./histogram-chart").then((m) => m.HistogramChart), {
  ssr: false,
  loading: placeholder(190),
});

export const LazySizingScatter = dynamic(() => import("./scatter-chart").then((m) => m.SizingScatter), {
  ssr: false,
  loading: placeholder(300),
});

export const LazyReportCharts = dynamic(() => import("@/components/reports/report-charts").then((m) => m.ReportCharts), {
  ssr: false,
  loading: placeholder(240),
});
