import type { Check, CheckFinding, CheckInput, CheckTag, RuleTable } from "./types";
import { SOURCES } from "./sources";

/** Tag slugs (or hyphen-separated parts of them) that mark a VM whose job is to join networks. */
export const GATEWAY_TAG_PATTERNS = [
  "firewall", "gateway", "router", "load-balancer", "loadbalancer", "lb", "proxy", "reverse-proxy", "vpn",
  "pfsense", "opnsense", "fortigate", "palo-alto", "checkpoint", "sophos", "vyos", "f5", "big-ip", "haproxy",
  "netscaler", "nsx-edge", "edge-gateway",
] as const;

const ROLE_LABELS = {
  management: "management",
  "service-console": "service console",
  vmotion: "vMotion",
  storage: "storage (iSCSI/NFS)",
} as const;

/** True when a slug is one of the patterns or contains it as whole hyphen-separated parts ("citrix-netscaler-adc"). */
export function slugMatches(slug: string, patterns: readonly string[]): boolean {
  const s = `-${slug.toLowerCase()}-`;
  return patterns.some((p) => s.includes(`-${p}-`));
}

export function isGatewayTagged(tags: CheckTag[]): boolean {
  return tags.some((t) => slugMatches(t.slug, GATEWAY_TAG_PATTERNS));
}

const ID = "security-zones";

function run(input: CheckInput): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const gateway = input.isGatewayWorkload ?? isGatewayTagged(input.tags);

  const roles = [...new Set(input.context.networkRoles)];
  if (roles.length > 0) {
    const names = roles.map((r) => ROLE_LABELS[r]).join(", ");
    findings.push({
      checkId: ID,
      severity: "problem",
      title: `A NIC is on the hypervisor's ${names} network`,
      explanation: `When the file was uploaded, the name of a network this VM connects to marked it as ${names}. Those networks carry host management, live memory copies (vMotion) or unencrypted storage traffic; a guest there can reach the hypervisor's own zone, and a compromised guest can attack the hosts or read that traffic.`,
      action: "Move the VM's NIC to a port group for VM traffic. If the VM must manage hosts (vCenter, backup proxies), give it a dedicated, firewalled management VLAN instead of the VMkernel networks.",
      source: SOURCES.vsphereSecurityNetworking,
    });
  }

  const networks = new Set(input.vm.nics.map((n) => n.network).filter((n): n is string => n != null && n !== ""));
  if (networks.size > 1 && !gateway) {
    findings.push({
      checkId: ID,
      severity: "warning",
      title: `Multi-homed: NICs on ${networks.size} different networks`,
      explanation: `The VM has ${input.vm.nics.length} NIC${input.vm.nics.length === 1 ? "" : "s"} on ${networks.size} distinct networks. A VM in two networks can bridge security zones: traffic that a firewall would stop can pass through the guest (IP forwarding, a compromised service), and it is not tagged as a firewall, gateway or router.`,
      action: "Confirm each extra network is needed. Keep zones apart with a firewall between them; if the VM does route between them, tag it as a firewall/gateway workload so it is reviewed as one.",
      source: SOURCES.vsphereSecurityNetworking,
    });
  }
  return findings;
}

const table: RuleTable = {
  title: "Network zones",
  columns: ["Situation", "Finding"],
  rows: [
    ["A NIC on a network named as management, service console, vMotion or storage", "Problem: the VM reaches the hypervisor's zone"],
    ["NICs on two or more distinct networks", "Warning: multi-homed, may bridge zones"],
    ["The same, on a VM tagged as firewall, gateway, router or load balancer", "No finding: joining networks is its job"],
  ],
};

export const securityZonesCheck: Check = {
  id: ID,
  title: "Security zones",
  summary:
    "Flags VMs with NICs on more than one distinct network (multi-homed: they may bridge security zones) unless the workload is a firewall, gateway, router or load balancer, and VMs with a NIC on a network whose name marked it as management, service console, vMotion or storage: a VM reaching the hypervisor's own zone. Network roles are judged from the network names at upload time, before they are redacted.",
  sources: [SOURCES.vsphereSecurityNetworking],
  tables: [table],
  run,
};
