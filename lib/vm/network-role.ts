export type NetworkRole = "management" | "service-console" | "vmotion" | "storage";

const MANAGEMENT_TOKENS = new Set(["mgmt", "mgt", "mgmnt", "mng", "oob", "ipmi", "idrac", "ilo", "bmc", "vmk0"]);
const STORAGE_TOKENS = new Set(["nfs", "san", "vsan", "fcoe", "ceph", "smb", "cifs", "nvmeof", "iscsi", "stor"]);

/**
 * Guesses what an infrastructure network is for from its name, as admins name
 * them ("Management Network", "vMotion-VLAN20", "iSCSI-A", "NFS"). A VM on such
 * a network is worth flagging; ordinary guest networks ("VM Network",
 * "DMZ-Web") return null. vmk0 is ESXi's default management VMkernel port.
 */
export function classifyNetworkName(name: string): NetworkRole | null {
  const lower = name.toLowerCase();
  const tokens = lower.split(/[^a-z0-9]+/).filter(Boolean);
  if (/service\s*-?\s*console/.test(lower) || tokens.includes("cos")) return "service-console";
  if (/v-?motion/.test(lower)) return "vmotion";
  if (/iscsi|storage|nvme-?of/.test(lower) || tokens.some((t) => STORAGE_TOKENS.has(t))) return "storage";
  if (lower.includes("management") || tokens.some((t) => MANAGEMENT_TOKENS.has(t))) return "management";
  return null;
}
