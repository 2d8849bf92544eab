import { APPLICATIONS, type ApplicationCategory } from "@/lib/taxonomy/applications";
import { numbers, table, type WeightedTable } from "@/lib/demo/random";

/** Platforms the demo spreads VMs over; each maps to one hypervisor product. */
export type Platform = "esxi" | "hyper-v" | "kvm" | "proxmox" | "xcp-ng" | "xenserver" | "ahv" | "virtualbox";

export interface WorkloadProfile {
  slug: string;
  /** Relative popularity: how often admins run this workload as its own VM. */
  weight: number;
  vcpus: WeightedTable<number>;
  memoryGiB: WeightedTable<number>;
  osDiskGiB: WeightedTable<number>;
  dataDiskCount: WeightedTable<number>;
  dataDiskGiB: WeightedTable<number>;
  /** VMware guest OS identifiers (see lib/taxonomy/guest-os.ts). */
  guestOs: WeightedTable<string>;
  platforms: WeightedTable<Platform>;
  /** Typical NIC count; gateways sit on several networks. */
  nics: WeightedTable<number>;
  /** Mean CPU and memory utilisation in percent, for the ~40% of VMs that report it. */
  load: { cpu: number; memory: number };
  /** Other tags often given to the same VM, with their probability. */
  secondary?: readonly (readonly [string, number])[];
}

// Guest OS pools. Small weights on releases past end of support keep a realistic tail.
const WIN_SERVER = table([
  ["windows2019srv_64Guest", 30], ["windows9Server64Guest", 24], ["windows2019srvNext_64Guest", 22],
  ["windows8Server64Guest", 12], ["windows2022srvNext_64Guest", 5], ["windows7Server64Guest", 4],
  ["winLonghorn64Guest", 0.8], ["winNetStandard64Guest", 0.4], ["winNetStandardGuest", 0.2],
]);
const WIN_SERVER_NEW = table([
  ["windows2019srv_64Guest", 35], ["windows2019srvNext_64Guest", 35], ["windows9Server64Guest", 18],
  ["windows2022srvNext_64Guest", 10], ["windows8Server64Guest", 2],
]);
const LINUX = table([
  ["ubuntu64Guest", 26], ["rhel8_64Guest", 16], ["rhel9_64Guest", 12], ["rhel7_64Guest", 9], ["centos7_64Guest", 8],
  ["debian12_64Guest", 7], ["debian11_64Guest", 6], ["debian10_64Guest", 3], ["rockylinux_64Guest", 5],
  ["almalinux_64Guest", 3], ["oracleLinux8_64Guest", 2], ["sles15_64Guest", 2], ["sles12_64Guest", 1],
  ["centos8_64Guest", 1], ["rhel6_64Guest", 1], ["centos6_64Guest", 1], ["otherLinux64Guest", 1.5],
  ["other4xLinux64Guest", 1], ["other5xLinux64Guest", 1],
]);
const ENTERPRISE_LINUX = table([
  ["rhel8_64Guest", 30], ["rhel9_64Guest", 20], ["rhel7_64Guest", 18], ["oracleLinux8_64Guest", 8],
  ["oracleLinux7_64Guest", 6], ["sles15_64Guest", 6], ["sles12_64Guest", 4], ["centos7_64Guest", 5], ["rhel6_64Guest", 2],
]);
const DESKTOP = table([
  ["windows9_64Guest", 62], ["windows11_64Guest", 30], ["windows7_64Guest", 6], ["windows7Guest", 1], ["windows8_64Guest", 1],
]);

type Sizing = Omit<WorkloadProfile, "slug" | "weight" | "secondary" | "platforms"> & { platforms?: WeightedTable<Platform> };

const ONE_NIC = numbers("1:92 2:7 3:1");

const BY_CATEGORY: Record<ApplicationCategory, Sizing> = {
  "directory": { vcpus: numbers("2:7 4:3 1:1"), memoryGiB: numbers("4:5 8:4 6:1 16:1"), osDiskGiB: numbers("60:4 80:3 100:2 40:1"), dataDiskCount: numbers("0:7 1:3"), dataDiskGiB: numbers("20:3 40:2 10:1"), guestOs: WIN_SERVER, nics: ONE_NIC, load: { cpu: 8, memory: 45 } },
  "dns-dhcp": { vcpus: numbers("1:3 2:6 4:1"), memoryGiB: numbers("2:4 4:5 8:1"), osDiskGiB: numbers("20:3 40:4 60:3"), dataDiskCount: numbers("0:9 1:1"), dataDiskGiB: numbers("10:1 20:1"), guestOs: LINUX, nics: ONE_NIC, load: { cpu: 5, memory: 35 } },
  "mail": { vcpus: numbers("4:5 8:4 2:1 12:1"), memoryGiB: numbers("16:3 32:4 48:1 64:2 8:1"), osDiskGiB: numbers("100:4 120:2 150:2 80:1"), dataDiskCount: numbers("1:3 2:3 3:2 4:2 6:1"), dataDiskGiB: numbers("200:2 500:4 1024:3 2048:1"), guestOs: WIN_SERVER, nics: numbers("1:7 2:3"), load: { cpu: 22, memory: 75 } },
  "web": { vcpus: numbers("1:2 2:8 4:5 8:1"), memoryGiB: numbers("2:3 4:7 8:5 16:2"), osDiskGiB: numbers("20:2 40:5 60:3 100:1"), dataDiskCount: numbers("0:6 1:4"), dataDiskGiB: numbers("20:3 50:3 100:2"), guestOs: LINUX, nics: ONE_NIC, load: { cpu: 15, memory: 50 } },
  "database": { vcpus: numbers("4:6 8:7 12:2 16:4 2:1 24:1 32:1"), memoryGiB: numbers("16:4 24:1 32:6 64:5 96:1 128:2 256:1"), osDiskGiB: numbers("60:2 80:3 100:4 120:2"), dataDiskCount: numbers("1:2 2:3 3:4 4:3 5:1 6:1"), dataDiskGiB: numbers("50:2 100:4 200:4 500:3 1024:2 2048:1"), guestOs: LINUX, nics: numbers("1:8 2:2"), load: { cpu: 25, memory: 80 } },
  "app-server": { vcpus: numbers("2:6 4:7 8:3 16:1"), memoryGiB: numbers("4:2 8:6 12:1 16:5 32:2"), osDiskGiB: numbers("40:3 60:3 80:2 100:2"), dataDiskCount: numbers("0:5 1:4 2:1"), dataDiskGiB: numbers("20:2 50:3 100:2"), guestOs: LINUX, nics: ONE_NIC, load: { cpu: 20, memory: 60 } },
  "file-print": { vcpus: numbers("2:7 4:3 1:1"), memoryGiB: numbers("4:4 8:5 16:2"), osDiskGiB: numbers("60:3 80:3 100:3"), dataDiskCount: numbers("1:5 2:3 3:1 4:1"), dataDiskGiB: numbers("250:2 500:3 1024:4 2048:3 4096:1"), guestOs: WIN_SERVER, nics: ONE_NIC, load: { cpu: 6, memory: 40 } },
  "vdi": { vcpus: numbers("2:7 4:3 1:1"), memoryGiB: numbers("4:5 8:5 6:1 16:1"), osDiskGiB: numbers("40:2 60:3 80:3 100:2"), dataDiskCount: numbers("0:9 1:1"), dataDiskGiB: numbers("10:1 20:1"), guestOs: DESKTOP, nics: numbers("1:99 2:1"), load: { cpu: 18, memory: 70 } },
  "backup": { vcpus: numbers("4:6 8:4 2:1 16:1"), memoryGiB: numbers("8:3 16:5 32:3 64:1"), osDiskGiB: numbers("60:2 80:3 100:4"), dataDiskCount: numbers("0:3 1:4 2:2 4:1"), dataDiskGiB: numbers("500:2 1024:3 4096:3 8192:1"), guestOs: WIN_SERVER_NEW, nics: numbers("1:6 2:4"), load: { cpu: 30, memory: 55 } },
  "monitoring": { vcpus: numbers("2:5 4:6 8:3 16:1"), memoryGiB: numbers("4:2 8:6 16:5 32:2"), osDiskGiB: numbers("40:3 60:3 100:2"), dataDiskCount: numbers("0:4 1:5 2:1"), dataDiskGiB: numbers("100:3 200:3 500:3 1024:1"), guestOs: LINUX, nics: ONE_NIC, load: { cpu: 20, memory: 60 } },
  "ci-build": { vcpus: numbers("2:2 4:6 8:5 16:2"), memoryGiB: numbers("4:1 8:5 16:6 32:2"), osDiskGiB: numbers("40:2 80:4 100:3 200:1"), dataDiskCount: numbers("0:5 1:5"), dataDiskGiB: numbers("100:3 200:3 500:2"), guestOs: LINUX, nics: ONE_NIC, load: { cpu: 30, memory: 55 } },
  "containers": { vcpus: numbers("2:2 4:7 8:6 16:2"), memoryGiB: numbers("8:4 16:7 32:4 64:1"), osDiskGiB: numbers("40:2 60:3 100:4 120:2"), dataDiskCount: numbers("0:5 1:4 2:1"), dataDiskGiB: numbers("50:2 100:4 200:2"), guestOs: LINUX, nics: numbers("1:85 2:15"), load: { cpu: 35, memory: 65 } },
  "erp": { vcpus: numbers("4:4 8:6 16:4 24:1 32:1"), memoryGiB: numbers("16:2 32:5 64:5 128:2"), osDiskGiB: numbers("80:3 100:4 150:2"), dataDiskCount: numbers("1:5 2:3 3:2"), dataDiskGiB: numbers("100:3 200:3 500:2"), guestOs: ENTERPRISE_LINUX, nics: numbers("1:7 2:3"), load: { cpu: 30, memory: 70 } },
  "collaboration": { vcpus: numbers("4:6 8:4 2:1 16:1"), memoryGiB: numbers("8:3 16:6 24:1 32:3"), osDiskGiB: numbers("60:2 80:3 100:4"), dataDiskCount: numbers("0:3 1:5 2:2"), dataDiskGiB: numbers("100:3 200:3 500:2"), guestOs: LINUX, nics: ONE_NIC, load: { cpu: 20, memory: 65 } },
  "security": { vcpus: numbers("2:6 4:5 8:2"), memoryGiB: numbers("4:4 8:5 16:3"), osDiskGiB: numbers("16:1 40:3 60:3 80:2"), dataDiskCount: numbers("0:9 1:1"), dataDiskGiB: numbers("20:1 40:1"), guestOs: LINUX, nics: numbers("2:3 3:3 4:3 6:1"), load: { cpu: 20, memory: 50 } },
  "network": { vcpus: numbers("2:6 4:5 8:2"), memoryGiB: numbers("4:3 8:5 16:3"), osDiskGiB: numbers("40:3 60:3 80:3"), dataDiskCount: numbers("0:9 1:1"), dataDiskGiB: numbers("20:1"), guestOs: LINUX, nics: numbers("2:4 3:3 4:2"), load: { cpu: 15, memory: 45 } },
  "infrastructure": { vcpus: numbers("2:5 4:6 8:2"), memoryGiB: numbers("8:5 12:2 16:4 24:1 32:1"), osDiskGiB: numbers("60:3 80:3 100:3"), dataDiskCount: numbers("0:4 1:5 2:1"), dataDiskGiB: numbers("100:3 200:3 500:2"), guestOs: WIN_SERVER, nics: ONE_NIC, load: { cpu: 12, memory: 55 } },
  "analytics": { vcpus: numbers("4:5 8:6 16:3 2:1"), memoryGiB: numbers("8:2 16:5 32:5 64:2"), osDiskGiB: numbers("40:3 60:3 100:3"), dataDiskCount: numbers("1:5 2:3 4:2"), dataDiskGiB: numbers("200:3 500:4 1024:3 2048:1"), guestOs: LINUX, nics: ONE_NIC, load: { cpu: 30, memory: 70 } },
  "other": { vcpus: numbers("1:2 2:6 4:3"), memoryGiB: numbers("2:2 4:5 8:3"), osDiskGiB: numbers("40:4 60:3"), dataDiskCount: numbers("0:7 1:3"), dataDiskGiB: numbers("50:1 100:1"), guestOs: LINUX, nics: ONE_NIC, load: { cpu: 10, memory: 50 } },
};

const VMWARE_ONLY = table<Platform>([["esxi", 1]]);
const WINDOWS_SHOPS = table<Platform>([["esxi", 70], ["hyper-v", 22], ["ahv", 5], ["xenserver", 3]]);

type Override = Partial<Sizing> & { weight: number; secondary?: WorkloadProfile["secondary"] };

/** Popularity and the ways a workload departs from its category's sizing. */
const OVERRIDES: Record<string, Override> = {
  "active-directory": { weight: 120, platforms: WINDOWS_SHOPS, secondary: [["microsoft-dns", 0.35], ["dhcp-server", 0.1], ["pki-ca", 0.03]] },
  "microsoft-adfs": { weight: 8, guestOs: WIN_SERVER_NEW, platforms: WINDOWS_SHOPS },
  "openldap": { weight: 6, guestOs: ENTERPRISE_LINUX },
  "microsoft-dns": { weight: 15, guestOs: WIN_SERVER, platforms: WINDOWS_SHOPS },
  "isc-bind": { weight: 12 },
  "dhcp-server": { weight: 10, secondary: [["isc-bind", 0.15]] },
  "microsoft-exchange": { weight: 35, platforms: WINDOWS_SHOPS },
  "postfix": { weight: 12, vcpus: numbers("1:3 2:6 4:1"), memoryGiB: numbers("2:4 4:5 8:1"), dataDiskCount: numbers("0:7 1:3"), dataDiskGiB: numbers("20:1 50:1"), guestOs: LINUX, load: { cpu: 6, memory: 40 } },
  "apache-httpd": { weight: 110, secondary: [["apache-tomcat", 0.08], ["mysql", 0.04]] },
  "nginx": { weight: 90, secondary: [["haproxy", 0.03]] },
  "microsoft-iis": { weight: 80, guestOs: WIN_SERVER, platforms: WINDOWS_SHOPS, secondary: [["dotnet-app-server", 0.12]] },
  "apache-tomcat": { weight: 60 },
  "wildfly": { weight: 20, guestOs: ENTERPRISE_LINUX },
  "ibm-websphere": { weight: 12, guestOs: ENTERPRISE_LINUX, memoryGiB: numbers("8:3 16:5 32:2") },
  "oracle-weblogic": { weight: 12, guestOs: table([["oracleLinux7_64Guest", 4], ["oracleLinux8_64Guest", 4], ["rhel7_64Guest", 2], ["rhel8_64Guest", 2]]), memoryGiB: numbers("8:3 16:5 32:2") },
  "dotnet-app-server": { weight: 40, guestOs: WIN_SERVER, platforms: WINDOWS_SHOPS },
  "mssql": { weight: 110, guestOs: WIN_SERVER, platforms: WINDOWS_SHOPS, secondary: [["power-bi-reporting", 0.08]] },
  "oracle-database": { weight: 35, guestOs: table([["oracleLinux7_64Guest", 5], ["oracleLinux8_64Guest", 6], ["rhel7_64Guest", 3], ["rhel8_64Guest", 3], ["windows2019srv_64Guest", 1], ["oracleLinux6_64Guest", 1]]), platforms: table<Platform>([["esxi", 80], ["kvm", 8], ["ahv", 6], ["hyper-v", 3], ["xenserver", 3]]) },
  "postgresql": { weight: 50, vcpus: numbers("2:3 4:6 8:4 16:1"), memoryGiB: numbers("8:3 16:5 32:4 64:1") },
  "mysql": { weight: 45, vcpus: numbers("2:4 4:6 8:3 16:1"), memoryGiB: numbers("4:2 8:4 16:5 32:2") },
  "mariadb": { weight: 25, vcpus: numbers("2:4 4:6 8:2"), memoryGiB: numbers("4:2 8:5 16:4 32:1") },
  "ibm-db2": { weight: 6, guestOs: ENTERPRISE_LINUX },
  "mongodb": { weight: 18, vcpus: numbers("2:2 4:6 8:4"), memoryGiB: numbers("8:3 16:5 32:3 64:1") },
  "redis": { weight: 18, vcpus: numbers("2:6 4:4"), memoryGiB: numbers("4:3 8:5 16:3 32:1"), dataDiskCount: numbers("0:8 1:2"), load: { cpu: 12, memory: 70 } },
  "elasticsearch": { weight: 20, memoryGiB: numbers("16:3 32:5 64:3"), secondary: [["kafka", 0.05]] },
  "windows-file-server": { weight: 70, platforms: WINDOWS_SHOPS, secondary: [["print-server", 0.1]] },
  "print-server": { weight: 25, dataDiskCount: numbers("0:7 1:3"), dataDiskGiB: numbers("20:1 40:1"), platforms: WINDOWS_SHOPS },
  "sharepoint": { weight: 18, guestOs: WIN_SERVER, vcpus: numbers("4:6 8:4"), memoryGiB: numbers("16:4 24:2 32:3"), platforms: WINDOWS_SHOPS },
  "confluence": { weight: 10 },
  "jira": { weight: 12, secondary: [["confluence", 0.15]] },
  "skype-for-business": { weight: 8, guestOs: WIN_SERVER, vcpus: numbers("4:3 6:2 8:3 12:1"), memoryGiB: numbers("16:3 32:3"), platforms: WINDOWS_SHOPS },
  "citrix-virtual-apps": { weight: 40, guestOs: WIN_SERVER, vcpus: numbers("4:4 6:2 8:5"), memoryGiB: numbers("16:3 24:2 32:4 48:1"), platforms: table<Platform>([["esxi", 60], ["xenserver", 20], ["ahv", 12], ["hyper-v", 8]]), load: { cpu: 40, memory: 70 } },
  "citrix-vdi-desktop": { weight: 45, platforms: table<Platform>([["esxi", 55], ["xenserver", 25], ["ahv", 15], ["hyper-v", 5]]) },
  "vmware-horizon-desktop": { weight: 70, platforms: VMWARE_ONLY },
  "horizon-connection-server": { weight: 8, guestOs: WIN_SERVER_NEW, vcpus: numbers("4:8 2:2"), memoryGiB: numbers("10:3 12:3 16:4"), platforms: VMWARE_ONLY },
  "rds-session-host": { weight: 35, guestOs: WIN_SERVER, vcpus: numbers("4:4 8:5 12:1"), memoryGiB: numbers("16:3 32:5 48:1 64:1"), platforms: WINDOWS_SHOPS, load: { cpu: 35, memory: 70 } },
  "veeam-backup": { weight: 15, platforms: WINDOWS_SHOPS },
  "veeam-proxy": { weight: 20, dataDiskCount: numbers("0:8 1:2"), nics: numbers("1:5 2:5"), platforms: WINDOWS_SHOPS, load: { cpu: 45, memory: 50 } },
  "commvault": { weight: 8 },
  "backup-server": { weight: 10, guestOs: table([["windows2019srv_64Guest", 5], ["windows9Server64Guest", 4], ["rhel8_64Guest", 2], ["windows8Server64Guest", 2]]) },
  "nagios": { weight: 8, guestOs: table([["centos7_64Guest", 5], ["rhel7_64Guest", 3], ["debian11_64Guest", 2], ["centos6_64Guest", 1]]) },
  "zabbix": { weight: 12 },
  "prometheus": { weight: 10, secondary: [["grafana", 0.4]] },
  "grafana": { weight: 8, vcpus: numbers("1:2 2:6 4:2"), memoryGiB: numbers("2:3 4:5 8:2"), dataDiskCount: numbers("0:8 1:2") },
  "splunk": { weight: 12, vcpus: numbers("8:5 12:3 16:3"), memoryGiB: numbers("16:4 32:5 64:2"), dataDiskGiB: numbers("500:2 1024:4 2048:3 4096:1") },
  "scom": { weight: 6, guestOs: WIN_SERVER, platforms: WINDOWS_SHOPS },
  "jenkins": { weight: 20, secondary: [["docker-host", 0.2]] },
  "gitlab": { weight: 12, secondary: [["docker-host", 0.15]] },
  "artifact-repository": { weight: 8, dataDiskGiB: numbers("500:3 1024:4 2048:2") },
  "docker-host": { weight: 45 },
  "kubernetes-node": { weight: 60, vcpus: numbers("4:7 8:6 16:2 2:1"), secondary: [["docker-host", 0.05]] },
  "openshift-node": { weight: 20, guestOs: table([["coreos64Guest", 2], ["rhel8_64Guest", 6], ["rhel9_64Guest", 4]]), vcpus: numbers("4:3 8:6 16:3") },
  "sap-app-server": { weight: 20, guestOs: table([["sles15_64Guest", 6], ["sles12_64Guest", 4], ["rhel8_64Guest", 3], ["windows2019srv_64Guest", 2], ["windows9Server64Guest", 1]]) },
  "sap-hana": { weight: 5, vcpus: numbers("16:3 24:2 32:3 48:1 64:1"), memoryGiB: numbers("128:2 256:4 512:3 1024:1"), dataDiskCount: numbers("3:5 4:4 5:1"), dataDiskGiB: numbers("256:2 512:4 1024:3"), guestOs: table([["sles15_64Guest", 7], ["sles12_64Guest", 3], ["rhel8_64Guest", 2]]), platforms: table<Platform>([["esxi", 90], ["ahv", 8], ["hyper-v", 2]]), load: { cpu: 25, memory: 85 } },
  "microsoft-dynamics": { weight: 10, guestOs: WIN_SERVER, platforms: WINDOWS_SHOPS },
  "palo-alto-vm-series": { weight: 8, guestOs: table([["other3xLinux64Guest", 1]]), vcpus: numbers("2:3 4:5 8:3"), memoryGiB: numbers("7:2 9:2 16:5 32:1"), osDiskGiB: numbers("60:1") },
  "fortigate-vm": { weight: 8, guestOs: table([["other3xLinux64Guest", 1]]), vcpus: numbers("1:2 2:5 4:3 8:1"), memoryGiB: numbers("2:3 4:4 8:3"), osDiskGiB: numbers("2:1"), dataDiskCount: numbers("1:1"), dataDiskGiB: numbers("30:2 50:1") },
  "pfsense": { weight: 8, guestOs: table([["freebsd64Guest", 3], ["freebsd12_64Guest", 3], ["freebsd13_64Guest", 3], ["freebsd14_64Guest", 1]]), vcpus: numbers("1:3 2:6 4:2"), memoryGiB: numbers("1:2 2:5 4:4 8:1"), osDiskGiB: numbers("8:2 16:3 20:3 32:2"), platforms: table<Platform>([["esxi", 45], ["proxmox", 35], ["kvm", 10], ["xcp-ng", 10]]) },
  "cisco-asav": { weight: 5, guestOs: table([["otherGuest64", 1]]), vcpus: numbers("1:4 4:4 8:1"), memoryGiB: numbers("2:4 8:4 16:1"), osDiskGiB: numbers("8:1") },
  "jump-host": { weight: 20, guestOs: WIN_SERVER_NEW, vcpus: numbers("2:6 4:4"), memoryGiB: numbers("4:3 8:5 16:2") },
  "squid-proxy": { weight: 8, guestOs: LINUX, nics: numbers("1:6 2:4") },
  "f5-big-ip": { weight: 6, guestOs: table([["other26xLinux64Guest", 1], ["centos64Guest", 1]]), vcpus: numbers("2:3 4:5 8:2"), memoryGiB: numbers("8:3 16:5 32:1"), osDiskGiB: numbers("82:3 142:1") },
  "citrix-netscaler": { weight: 8, guestOs: table([["freebsd64Guest", 1]]), vcpus: numbers("2:8 4:2"), memoryGiB: numbers("2:3 4:4 8:2"), osDiskGiB: numbers("20:1") },
  "haproxy": { weight: 10 },
  "virtual-router": { weight: 5, guestOs: table([["other3xLinux64Guest", 3], ["debian11_64Guest", 2], ["other4xLinux64Guest", 1]]), vcpus: numbers("1:3 2:5 4:2"), memoryGiB: numbers("1:1 2:4 4:4 8:1"), osDiskGiB: numbers("2:1 8:3 16:2") },
  "vcenter-server": { weight: 15, guestOs: table([["vmwarePhoton64Guest", 8], ["other3xLinux64Guest", 2], ["sles11_64Guest", 1]]), vcpus: numbers("2:2 4:6 8:3 16:1"), memoryGiB: numbers("12:2 14:2 19:4 21:1 30:2 37:1"), osDiskGiB: numbers("12:3 49:1"), dataDiskCount: numbers("10:2 12:3 15:4 16:1"), dataDiskGiB: numbers("1:2 10:3 25:3 50:2 100:1"), platforms: VMWARE_ONLY, nics: numbers("1:1") },
  "sccm": { weight: 12, guestOs: WIN_SERVER_NEW, vcpus: numbers("4:6 8:4"), memoryGiB: numbers("16:5 24:2 32:3") },
  "wsus": { weight: 12, secondary: [["sccm", 0.1]] },
  "ansible-automation": { weight: 10, guestOs: ENTERPRISE_LINUX },
  "pki-ca": { weight: 10, guestOs: WIN_SERVER, vcpus: numbers("2:8 4:2"), memoryGiB: numbers("4:5 8:4"), nics: ONE_NIC, platforms: WINDOWS_SHOPS },
  "kafka": { weight: 12 },
  "rabbitmq": { weight: 10, vcpus: numbers("2:4 4:6 8:1"), memoryGiB: numbers("4:3 8:5 16:2"), dataDiskCount: numbers("0:4 1:6"), dataDiskGiB: numbers("50:2 100:2") },
  "hadoop-spark": { weight: 8, vcpus: numbers("8:4 16:5 32:2"), memoryGiB: numbers("32:3 64:5 128:2"), dataDiskCount: numbers("2:3 4:4 6:2 8:1") },
  "power-bi-reporting": { weight: 10, guestOs: WIN_SERVER, platforms: WINDOWS_SHOPS },
};

const DEFAULT_PLATFORMS = table<Platform>([
  ["esxi", 60], ["hyper-v", 13], ["proxmox", 9], ["kvm", 6], ["ahv", 5], ["xcp-ng", 3], ["xenserver", 2.5], ["virtualbox", 1.5],
]);

export const PLATFORM_MIX = DEFAULT_PLATFORMS;

export const WORKLOAD_PROFILES: readonly WorkloadProfile[] = APPLICATIONS.map((app) => {
  const o = OVERRIDES[app.slug] ?? { weight: 5 };
  const base = BY_CATEGORY[app.category];
  return {
    ...base,
    ...o,
    slug: app.slug,
    platforms: o.platforms ?? base.platforms ?? DEFAULT_PLATFORMS,
  };
});

export const WORKLOAD_MIX: WeightedTable<WorkloadProfile> = table(WORKLOAD_PROFILES.map((p) => [p, p.weight] as const));
