import { label } from "@/lib/text/display";
import type { DefaultableField, NormalizedVm } from "@/lib/vm/model";

/**
 * Notes about a VM's data shared by the upload preview and the VM page: which
 * values are a platform's default rather than read from the file, and why a
 * VM is marked implausible. Server- and client-safe (no hooks).
 */
const FIELD_LABELS: Record<DefaultableField, string> = {
  firmware: "Firmware",
  "cpu.vcpus": "vCPUs",
  "cpu.coresPerSocket": "Cores per socket",
  memoryMiB: "Memory",
  hardwareVersion: "Hardware version",
  "disks.bus": "Disk bus",
  "disks.provisioning": "Disk provisioning",
  "nics.model": "NIC model",
};

function valueOf(vm: NormalizedVm, field: DefaultableField): string {
  const distinct = (xs: (string | number | null)[]) => [...new Set(xs.map((x) => (x == null ? "unknown" : label(String(x)))))].join(", ");
  switch (field) {
    case "firmware": return label(vm.firmware);
    case "cpu.vcpus": return String(vm.cpu.vcpus);
    case "cpu.coresPerSocket": return String(vm.cpu.coresPerSocket ?? "unknown");
    case "memoryMiB": return `${vm.memoryMiB} MiB`;
    case "hardwareVersion": return vm.hardwareVersion ?? "unknown";
    case "disks.bus": return distinct(vm.disks.map((d) => d.bus));
    case "disks.provisioning": return distinct(vm.disks.map((d) => d.provisioning));
    case "nics.model": return distinct(vm.nics.map((n) => n.model));
  }
}

/** "BIOS (platform default: the file does not say)" for a defaulted field, or just the value. */
export function withDefaultMark(vm: NormalizedVm, field: DefaultableField, value: string): string {
  return vm.defaulted?.includes(field) ? `${value} (platform default: the file does not say)` : value;
}

export function DefaultedNote({ vm, className }: { vm: NormalizedVm; className?: string }) {
  const fields = vm.defaulted ?? [];
  if (fields.length === 0) return null;
  return (
    <p className={`small ${className ?? ""}`} data-testid="defaulted-note">
      <strong>Platform defaults:</strong> the file does not say, so the platform&apos;s documented default is shown:{" "}
      {fields.map((f, i) => (
        <span key={f}>{i > 0 ? "; " : ""}{FIELD_LABELS[f]} {valueOf(vm, f)}</span>
      ))}
      .
    </p>
  );
}

/** The mark on an implausible VM: why, and that its numbers are not in the peer statistics until confirmed. */
export function PlausibilityNote({ plausibility }: { plausibility?: { reasons: string[]; confirmedAt: string | null } }) {
  if (!plausibility || plausibility.reasons.length === 0) return null;
  const confirmed = plausibility.confirmedAt != null;
  return (
    <section className="alert alert-warn" role="note" aria-labelledby="implausible-title" data-testid="implausible-note">
      <strong id="implausible-title">{confirmed ? "Unusual numbers, confirmed" : "Marked implausible"}</strong>
      <ul style={{ margin: "0.3rem 0" }}>
        {plausibility.reasons.map((r, i) => <li key={i}>{r}</li>)}
      </ul>
      <span className="small">
        {confirmed
          ? `A moderator confirmed these numbers on ${plausibility.confirmedAt!.slice(0, 10)}; the VM counts in peer statistics.`
          : "The contributor confirmed these numbers. Until a moderator confirms them too, this VM is left out of peer statistics and is nobody's peer."}
      </span>
    </section>
  );
}
