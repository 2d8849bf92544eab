import { describe, expect, it } from "vitest";
import { emptyIdentifying, type ParsedVm } from "@/lib/vm/parsed";
import { blankVm } from "./model";
import { redact } from "./redact";

function sample(): ParsedVm {
  const vm = blankVm("vmx");
  vm.name = "web-01";
  vm.guestOs = { id: "ubuntu-64", family: "linux", name: "Ubuntu on web-01 rack" };
  vm.nics = [
    { model: "vmxnet3", network: "DMZ" },
    { model: "e1000", network: "vMotion-20" },
    { model: "vmxnet3", network: "DMZ" },
    { model: "vmxnet3", network: null },
  ];
  const identifying = emptyIdentifying();
  identifying.hostnames.push("web-01");
  identifying.macs.push("00:50:56:00:00:01", "00:50:56:00:00:02");
  identifying.ips.push("192.0.2.1");
  identifying.networks.push("DMZ", "vMotion-20");
  return { vm, identifying };
}

describe("redact", () => {
  it("drops the name, labels networks stably and drops fields quoting identifying values", () => {
    const r = redact(sample());
    expect(r.vm.name).toBeNull();
    expect(r.vm.nics.map((n) => n.network)).toEqual(["net-1", "net-2", "net-1", null]);
    expect(r.vm.guestOs).toEqual({ id: "ubuntu-64", family: "linux", name: null });
    expect(r.networkRoles).toEqual(["vmotion"]);
    expect(r.summary).toBe(
      "VM name, 2 MAC addresses, 1 IP address, 2 network names, 1 field that quoted an identifying value",
    );
    expect(r.removed.find((x) => x.kind === "mac")).toEqual({ kind: "mac", count: 2, label: "2 MAC addresses" });
  });

  it("is idempotent and leaves its input alone", () => {
    const input = sample();
    const once = redact(input);
    expect(input.vm.name).toBe("web-01");
    expect(redact({ ...input, vm: once.vm }).vm).toEqual(once.vm);
  });

  it("says when nothing identifying was found", () => {
    expect(redact({ vm: blankVm("ovf"), identifying: emptyIdentifying() }).summary).toBe("nothing identifying found");
  });
});
