import { ImageResponse } from "next/og";
import { SHARE_CARD_SIZE, ShareCard } from "@/components/og/share-card";
import { getReadDb } from "@/lib/db/client";
import { getWorkload } from "@/lib/db/workloads";
import { formatInt, plural } from "@/lib/text/display";

export const size = SHARE_CARD_SIZE;
export const contentType = "image/png";
export const alt = "The typical VM for one application on vmcompare: median vCPUs, memory and disk";

function median(x: number | null, unit: string): string {
  if (x === null) return "—";
  const r = x >= 100 ? Math.round(x) : Math.round(x * 10) / 10;
  return `${formatInt(r)}${unit ? ` ${unit}` : ""}`;
}

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const w = await getWorkload(await getReadDb(), slug);
  if (!w) {
    return new ImageResponse(
      <ShareCard kicker="vmcompare" title="Workload not found" subtitle="No application by that name." stats={[]} footer="How others configure VMs for the same workload" />,
      size,
    );
  }
  const metric = (key: string) => w.metrics.find((m) => m.key === key);
  const stats = (["vcpus", "memoryMiB", "totalDiskGiB"] as const).flatMap((key) => {
    const m = metric(key);
    return m ? [{ label: `median ${m.label.toLowerCase()}`, value: median(m.median, m.unit) }] : [];
  });
  return new ImageResponse(
    <ShareCard
      kicker="How admins size this workload"
      title={w.app.name}
      subtitle={`${plural(w.n, "published VM")}${w.app.vendor ? ` · ${w.app.vendor}` : ""} · ${w.app.categoryName}`}
      stats={[...stats, { label: "VMs compared", value: formatInt(w.n) }]}
      footer={w.n < 20 ? "Few VMs yet: numbers may change as more arrive" : "Median of published configurations"}
    />,
    size,
  );
}
