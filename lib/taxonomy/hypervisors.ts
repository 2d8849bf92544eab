import type { HypervisorVendor } from "@/lib/vm/model";
import { canonicalVersion, findTokenRun, tokenize } from "@/lib/taxonomy/text-match";

export type HypervisorKind = "bare-metal" | "hosted" | "management";

export interface HypervisorProduct {
  id: string;
  vendor: HypervisorVendor;
  /** The name stored in `hypervisor.product`. */
  name: string;
  kind: HypervisorKind;
  aliases: string[];
  /** Known releases, oldest first, spelled as the vendor does ("7.0 U3", "Windows Server 2019"). */
  versions: string[];
}

export const HYPERVISOR_PRODUCTS: readonly HypervisorProduct[] = [
  {
    id: "esxi", vendor: "vmware", name: "VMware ESXi", kind: "bare-metal",
    aliases: ["ESXi", "ESXi Server", "vSphere", "VMware vSphere", "vSphere Hypervisor", "VMware Hypervisor"],
    versions: [
      "3.5", "4.0", "4.1", "5.0", "5.1", "5.5", "6.0", "6.5", "6.7", "6.7 U2", "6.7 U3",
      "7.0", "7.0 U1", "7.0 U2", "7.0 U3", "8.0", "8.0 U1", "8.0 U2", "8.0 U3", "9.0",
    ],
  },
  {
    id: "esx", vendor: "vmware", name: "VMware ESX", kind: "bare-metal",
    aliases: ["ESX", "ESX Server", "VMware ESX Server", "Infrastructure 3", "VMware Infrastructure"],
    versions: ["2.5", "3.0", "3.5", "4.0", "4.1"],
  },
  {
    id: "vcenter", vendor: "vmware", name: "VMware vCenter Server", kind: "management",
    aliases: ["vCenter", "vCenter Server", "VirtualCenter", "VMware VirtualCenter", "VCSA", "vCenter Server Appliance"],
    versions: ["2.0", "2.5", "4.0", "4.1", "5.0", "5.1", "5.5", "6.0", "6.5", "6.7", "7.0", "8.0"],
  },
  {
    id: "workstation", vendor: "vmware", name: "VMware Workstation", kind: "hosted",
    aliases: ["Workstation", "Workstation Pro", "VMware Workstation Pro", "VMware Player", "Workstation Player"],
    versions: ["6.5", "7", "8", "9", "10", "11", "12", "14", "15", "16", "17"],
  },
  {
    id: "fusion", vendor: "vmware", name: "VMware Fusion", kind: "hosted",
    aliases: ["Fusion", "Fusion Pro"],
    versions: ["1", "2", "3", "4", "5", "6", "7", "8", "10", "11", "12", "13"],
  },
  {
    id: "vmware-server", vendor: "vmware", name: "VMware Server", kind: "hosted",
    aliases: ["VMware Server"],
    versions: ["1.0", "2.0"],
  },
  {
    id: "gsx", vendor: "vmware", name: "VMware GSX Server", kind: "hosted",
    aliases: ["GSX", "GSX Server"],
    versions: ["2.5", "3.0", "3.2"],
  },
  {
    id: "hyper-v", vendor: "microsoft", name: "Microsoft Hyper-V", kind: "bare-metal",
    aliases: ["Hyper-V", "HyperV", "Hyper-V Server", "Microsoft Hyper-V Server", "Windows Server Hyper-V", "Azure Stack HCI", "Azure Local"],
    versions: [
      "Windows Server 2008", "Windows Server 2008 R2", "Windows Server 2012", "Windows Server 2012 R2",
      "Windows Server 2016", "Windows Server 2019", "Windows Server 2022", "Windows Server 2025",
    ],
  },
  {
    id: "virtual-server", vendor: "microsoft", name: "Microsoft Virtual Server", kind: "hosted",
    aliases: ["Virtual Server 2005", "Virtual PC", "Microsoft Virtual PC"],
    versions: ["2005", "2005 R2"],
  },
  {
    id: "kvm", vendor: "kvm", name: "KVM/QEMU", kind: "bare-metal",
    aliases: ["KVM", "QEMU", "QEMU/KVM", "libvirt", "virt-manager", "Red Hat Enterprise Linux KVM", "OpenStack Nova"],
    versions: [],
  },
  {
    id: "ovirt", vendor: "kvm", name: "oVirt / Red Hat Virtualization", kind: "bare-metal",
    aliases: ["oVirt", "RHV", "RHEV", "Red Hat Virtualization", "Red Hat Enterprise Virtualization", "Oracle Linux Virtualization Manager", "OLVM"],
    versions: ["3.6", "4.0", "4.1", "4.2", "4.3", "4.4", "4.5"],
  },
  {
    id: "xen", vendor: "xen", name: "Xen", kind: "bare-metal",
    aliases: ["Xen", "Xen Project", "Xen hypervisor", "xl"],
    versions: ["3.4", "4.0", "4.4", "4.11", "4.14", "4.17", "4.19"],
  },
  {
    id: "xenserver", vendor: "xen", name: "Citrix Hypervisor (XenServer)", kind: "bare-metal",
    aliases: ["XenServer", "Citrix XenServer", "Citrix Hypervisor", "Xen Server"],
    versions: ["5.6", "6.0", "6.2", "6.5", "7.0", "7.1", "7.6", "8.0", "8.1", "8.2", "8"],
  },
  {
    id: "xcp-ng", vendor: "xen", name: "XCP-ng", kind: "bare-metal",
    aliases: ["XCP-ng", "XCPng", "XCP", "Xen Orchestra"],
    versions: ["7.6", "8.0", "8.1", "8.2", "8.3"],
  },
  {
    id: "oracle-vm", vendor: "xen", name: "Oracle VM Server for x86", kind: "bare-metal",
    aliases: ["Oracle VM", "OVM", "Oracle VM Server"],
    versions: ["3.3", "3.4"],
  },
  {
    id: "proxmox", vendor: "proxmox", name: "Proxmox VE", kind: "bare-metal",
    aliases: ["Proxmox", "PVE", "Proxmox Virtual Environment"],
    versions: ["5.4", "6.4", "7.0", "7.4", "8.0", "8.1", "8.2", "8.3", "8.4", "9.0"],
  },
  {
    id: "virtualbox", vendor: "virtualbox", name: "Oracle VirtualBox", kind: "hosted",
    aliases: ["VirtualBox", "VBox", "Sun VirtualBox", "innotek VirtualBox"],
    versions: ["4.3", "5.0", "5.2", "6.0", "6.1", "7.0", "7.1"],
  },
  {
    id: "ahv", vendor: "nutanix", name: "Nutanix AHV", kind: "bare-metal",
    aliases: ["AHV", "Acropolis", "Acropolis Hypervisor", "Nutanix"],
    versions: ["20190916", "20201105", "20220304", "20230302", "10.0"],
  },
];

export interface ProductRename {
  from: string;
  to: string;
  year: number;
  note: string;
}

/**
 * VMware renamed most of its product line in 2008 (with vSphere 4 following in
 * 2009); contributors and old exports still use the earlier names.
 */
export const PRODUCT_RENAMES: readonly ProductRename[] = [
  { from: "VirtualCenter", to: "vCenter Server", year: 2008, note: "VirtualCenter 2.5 became vCenter Server 2.5; the next release was vCenter Server 4.0." },
  { from: "VMware VDI", to: "VMware View", year: 2008, note: "The desktop product was later renamed again, to VMware Horizon View (2013)." },
  { from: "VDM", to: "View Manager", year: 2008, note: "Virtual Desktop Manager, the connection broker of VMware VDI." },
  { from: "Lab Manager", to: "vCenter Lab Manager", year: 2008, note: "Discontinued in 2011 in favour of vCloud Director." },
  { from: "Converter", to: "vCenter Converter", year: 2008, note: "Physical-to-virtual and virtual-to-virtual conversion tool." },
  { from: "VMFS", to: "vStorage VMFS", year: 2008, note: "The file system itself did not change; VMFS 3 was current at the time." },
  { from: "VMware Infrastructure 3", to: "VMware vSphere 4", year: 2009, note: "The suite name; ESX/ESXi 4.0 and vCenter Server 4.0 shipped as vSphere 4." },
  { from: "XenServer", to: "Citrix Hypervisor", year: 2019, note: "Citrix returned to the name XenServer in 2023 (XenServer 8)." },
  { from: "Red Hat Enterprise Virtualization", to: "Red Hat Virtualization", year: 2017, note: "Both are downstream of oVirt." },
];

/**
 * The newest virtual hardware version each ESXi release creates, used to
 * produce plausible pairs (a VM never has newer hardware than its host).
 */
export const ESXI_NEWEST_HARDWARE: Readonly<Record<string, number>> = {
  "3.5": 4, "4.0": 7, "4.1": 7, "5.0": 8, "5.1": 9, "5.5": 10, "6.0": 11, "6.5": 13, "6.7": 14,
  "6.7 U2": 15, "6.7 U3": 15, "7.0": 17, "7.0 U1": 18, "7.0 U2": 19, "7.0 U3": 19,
  "8.0": 20, "8.0 U1": 20, "8.0 U2": 21, "8.0 U3": 21, "9.0": 22,
};

export interface ResolvedHypervisor {
  vendor: HypervisorVendor;
  product: string;
  version: string | null;
}

interface Term { product: HypervisorProduct; tokens: string[]; weight: number }

let termsCache: Term[] | null = null;
function terms(): Term[] {
  if (termsCache) return termsCache;
  termsCache = HYPERVISOR_PRODUCTS.flatMap((product) =>
    [product.name, ...product.aliases].map((text) => {
      const tokens = tokenize(text);
      return { product, tokens, weight: tokens.join("").length };
    }),
  );
  return termsCache;
}

export function getHypervisorProduct(id: string): HypervisorProduct | null {
  return HYPERVISOR_PRODUCTS.find((p) => p.id === id) ?? null;
}

/** Versions as written after the product: "7.0U3", "7.0 Update 3", "6.7.0", "2019", "2012 R2". */
function versionIn(rest: string, product: HypervisorProduct): string | null {
  const m = /(?:^|[^\d.])(\d{1,8}(?:\.\d{1,4}){0,3})(?![\d.])(?:\s*(?:u|update)\s*(\d{1,2})\b)?(\s*r2\b)?/i.exec(rest);
  if (!m) return null;
  const [, number, update, r2] = m;
  if (/^(32|64)$/.test(number) && /^\s*-?\s*bit/i.test(rest.slice(m.index + m[0].length))) return null;
  if (product.id === "hyper-v" && /^20\d\d$/.test(number)) {
    return canonicalVersion(`Windows Server ${number}${r2 ? " R2" : ""}`, product.versions);
  }
  let version = number;
  const parts = number.split(".");
  if (update) version = `${parts.slice(0, 2).join(".")} U${Number(update)}`;
  // From 7.0 on, VMware's third number is the update: "7.0.3" is 7.0 U3.
  else if ((product.id === "esxi" || product.id === "vcenter") && parts.length === 3 && Number(parts[0]) >= 7 && Number(parts[2]) > 0) {
    version = `${parts[0]}.${parts[1]} U${Number(parts[2])}`;
  }
  return canonicalVersion(version, product.versions);
}

/**
 * The hypervisor product a free-text label names ("ESXi 7.0U3", "Hyper-V 2019",
 * "Citrix XenServer 7.1", "pve 8.1"), with its version when one follows.
 */
export function resolveHypervisor(text: string): ResolvedHypervisor | null {
  const tokens = tokenize(text);
  if (tokens.length === 0) return null;
  let best: { term: Term; at: number } | null = null;
  for (const term of terms()) {
    const at = findTokenRun(tokens, term.tokens);
    if (at < 0) continue;
    if (!best || term.weight > best.term.weight || (term.weight === best.term.weight && at < best.at)) best = { term, at };
  }
  if (!best) return null;
  let { product } = best.term;
  // Search the raw text after the product's last word so "7.0U3" keeps its update.
  const lower = text.toLowerCase();
  let from = 0;
  for (let i = 0; i <= best.at + best.term.tokens.length - 1; i++) {
    const idx = lower.indexOf(tokens[i], from);
    if (idx >= 0) from = idx + tokens[i].length;
  }
  const version = versionIn(text.slice(from), product);
  // Classic ESX ended at 4.1; "ESX 5.5" means ESXi, and VMware calls ESXi "ESX" again from 9.0.
  if (product.id === "esx" && version !== null && Number.parseFloat(version) >= 5) {
    product = getHypervisorProduct("esxi") ?? product;
  }
  return { vendor: product.vendor, product: product.name, version };
}
