import type { Utilization, UtilizationMetric, UtilizationSource, UtilizationStatistic } from "./model";

/** Plain words for utilization figures, shared by the VM page and anything that lists figures. */
const METRICS: Record<UtilizationMetric, { name: string; unit: "pct" | "mib" | "iops" | "kbps"; of?: string }> = {
  "cpu.usage.pct": { name: "CPU", unit: "pct" },
  "cpu.ready.pct": { name: "CPU ready", unit: "pct", of: "of the time" },
  "mem.active.pct": { name: "Active memory", unit: "pct", of: "of configured" },
  "mem.consumed.pct": { name: "Consumed memory", unit: "pct", of: "of configured" },
  "mem.demand.pct": { name: "Memory demand", unit: "pct", of: "of assigned" },
  "mem.demand.mib": { name: "Memory demand", unit: "mib" },
  "mem.assigned.mib": { name: "Memory assigned", unit: "mib" },
  "mem.ballooned.mib": { name: "Ballooned memory", unit: "mib" },
  "mem.swapped.mib": { name: "Swapped memory", unit: "mib" },
  "disk.iops": { name: "Disk", unit: "iops" },
  "disk.throughput.kbps": { name: "Disk throughput", unit: "kbps" },
  "net.throughput.kbps": { name: "Network throughput", unit: "kbps" },
};

const SOURCES: Record<UtilizationSource, string> = {
  rvtools: "from RVTools", hyperv: "from Hyper-V", vcenter: "from vCenter", manual: "as entered by the contributor",
};

const STATISTICS: Record<Exclude<UtilizationStatistic, "sample">, string> = {
  average: "average", p95: "95th percentile", max: "maximum",
};

const number = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

export function utilizationMetricName(metric: UtilizationMetric): string {
  return METRICS[metric].name;
}

/** "12%", "25% of configured", "512 MiB", "1.5 GiB", "350 IOPS", "1,200 KB/s". */
export function utilizationValueText(u: Pick<Utilization, "metric" | "value">): string {
  const m = METRICS[u.metric];
  switch (m.unit) {
    case "pct": return `${number(u.value)}%${m.of ? ` ${m.of}` : ""}`;
    case "mib": return u.value >= 1024 ? `${number(u.value / 1024)} GiB` : `${number(u.value, 0)} MiB`;
    case "iops": return `${number(u.value, 0)} IOPS`;
    case "kbps": return `${number(u.value, 0)} KB/s`;
  }
}

/** "P30D" -> "30 days", "PT24H" -> "24 hours", "P1DT12H" -> "1 day 12 hours"; the text itself if unreadable. */
export function windowText(window: string): string {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(window);
  if (!m) return window;
  const parts = [[m[1], "day"], [m[2], "hour"], [m[3], "minute"]]
    .filter(([n]) => n !== undefined && Number(n) > 0)
    .map(([n, unit]) => `${Number(n)} ${unit}${Number(n) === 1 ? "" : "s"}`);
  return parts.join(" ") || window;
}

/** "point-in-time sample from RVTools", "95th percentile over 30 days from vCenter". */
export function provenanceText(u: Pick<Utilization, "statistic" | "window" | "source">): string {
  const what = u.statistic === "sample" ? "point-in-time sample" : `${STATISTICS[u.statistic]}${u.window ? ` over ${windowText(u.window)}` : ""}`;
  return `${what} ${SOURCES[u.source]}`;
}

/** "CPU 12% · point-in-time sample from RVTools". */
export function utilizationText(u: Utilization): string {
  return `${utilizationMetricName(u.metric)} ${utilizationValueText(u)} · ${provenanceText(u)}`;
}
