import { ImageResponse } from "next/og";
import { SHARE_CARD_SIZE, ShareCard } from "@/components/og/share-card";
import { getReadDb } from "@/lib/db/client";
import { getVm } from "@/lib/db/vms";
import { formatGiB, formatMemory, label } from "@/lib/text/display";

export const size = SHARE_CARD_SIZE;
export const contentType = "image/png";
export const alt = "A VM's configuration on vmcompare: vCPUs, memory, disk, guest OS and hypervisor";

export default async function Image({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const rec = await getVm(await getReadDb(), id);
  if (!rec) {
    return new ImageResponse(
      <ShareCard kicker="vmcompare" title="VM not found" subtitle="It may have been removed by its contributor." stats={[]} footer="How others configure VMs for the same workload" />,
      size,
    );
  }
  const { vm } = rec;
  const primary = rec.tags.find((t) => t.primary);
  const title = primary ? `${primary.name}${primary.version ? ` ${primary.version}` : ""}` : "Untagged VM";
  const disk = vm.disks.length && vm.disks.every((d) => d.sizeGiB !== null)
    ? formatGiB(vm.disks.reduce((s, d) => s + (d.sizeGiB ?? 0), 0))
    : "unknown";
  const guest = vm.guestOs.name ?? label(vm.guestOs.family);
  const hypervisor = [vm.hypervisor.product ?? label(vm.hypervisor.vendor), vm.hypervisor.version].filter(Boolean).join(" ");
  return new ImageResponse(
    <ShareCard
      kicker="VM compared with its peers"
      title={title}
      subtitle={`${guest} · ${hypervisor}`}
      stats={[
        { label: vm.cpu.vcpus === 1 ? "vCPU" : "vCPUs", value: String(vm.cpu.vcpus) },
        { label: "memory", value: formatMemory(vm.memoryMiB) },
        { label: "disk in all", value: disk },
        { label: vm.nics.length === 1 ? "NIC" : "NICs", value: String(vm.nics.length) },
      ]}
      footer={`VM ${rec.id}${rec.isDemo ? " · demo data" : ""}`}
    />,
    size,
  );
}
