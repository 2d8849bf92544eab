/**
 * Host servers the demo VMs run on, with the year the model shipped so a VM
 * created in 2019 does not land on a 2023 server. CPU strings are written the
 * way vSphere reports them.
 */
export interface HostModel {
  vendor: string;
  model: string;
  year: number;
  cpus: readonly string[];
}

const XEON_V3_V4 = ["Intel(R) Xeon(R) CPU E5-2680 v3 @ 2.50GHz", "Intel(R) Xeon(R) CPU E5-2650 v4 @ 2.20GHz", "Intel(R) Xeon(R) CPU E5-2690 v4 @ 2.60GHz"];
const XEON_SKYLAKE = ["Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz", "Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz", "Intel(R) Xeon(R) Silver 4114 CPU @ 2.20GHz"];
const XEON_CASCADE = ["Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz", "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz", "Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz", "Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz"];
const XEON_ICE = ["Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", "Intel(R) Xeon(R) Gold 5318Y CPU @ 2.10GHz", "Intel(R) Xeon(R) Gold 6348 CPU @ 2.60GHz"];
const XEON_SAPPHIRE = ["Intel(R) Xeon(R) Gold 6430", "Intel(R) Xeon(R) Gold 6448Y", "Intel(R) Xeon(R) Gold 5418Y"];
const EPYC_ROME_MILAN = ["AMD EPYC 7502 32-Core Processor", "AMD EPYC 7543 32-Core Processor", "AMD EPYC 7313 16-Core Processor"];
const EPYC_GENOA = ["AMD EPYC 9354 32-Core Processor", "AMD EPYC 9124 16-Core Processor"];

export const HOST_MODELS: readonly HostModel[] = [
  { vendor: "Dell", model: "PowerEdge R630", year: 2014.8, cpus: XEON_V3_V4 },
  { vendor: "Dell", model: "PowerEdge R730", year: 2014.8, cpus: XEON_V3_V4 },
  { vendor: "Dell", model: "PowerEdge R640", year: 2017.6, cpus: [...XEON_SKYLAKE, ...XEON_CASCADE] },
  { vendor: "Dell", model: "PowerEdge R740", year: 2017.6, cpus: [...XEON_SKYLAKE, ...XEON_CASCADE] },
  { vendor: "Dell", model: "PowerEdge R7525", year: 2020.1, cpus: EPYC_ROME_MILAN },
  { vendor: "Dell", model: "PowerEdge R650", year: 2021.3, cpus: XEON_ICE },
  { vendor: "Dell", model: "PowerEdge R750", year: 2021.3, cpus: XEON_ICE },
  { vendor: "Dell", model: "PowerEdge R760", year: 2023.1, cpus: XEON_SAPPHIRE },
  { vendor: "Dell", model: "PowerEdge R7625", year: 2023.1, cpus: EPYC_GENOA },
  { vendor: "HPE", model: "ProLiant DL380 Gen9", year: 2014.7, cpus: XEON_V3_V4 },
  { vendor: "HPE", model: "ProLiant DL360 Gen10", year: 2017.6, cpus: [...XEON_SKYLAKE, ...XEON_CASCADE] },
  { vendor: "HPE", model: "ProLiant DL380 Gen10", year: 2017.6, cpus: [...XEON_SKYLAKE, ...XEON_CASCADE] },
  { vendor: "HPE", model: "Synergy 480 Gen10", year: 2017.8, cpus: XEON_CASCADE },
  { vendor: "HPE", model: "ProLiant DL380 Gen10 Plus", year: 2021.3, cpus: XEON_ICE },
  { vendor: "HPE", model: "ProLiant DL385 Gen10 Plus v2", year: 2021.2, cpus: EPYC_ROME_MILAN },
  { vendor: "HPE", model: "ProLiant DL380 Gen11", year: 2023.1, cpus: XEON_SAPPHIRE },
  { vendor: "Lenovo", model: "ThinkSystem SR650", year: 2017.6, cpus: [...XEON_SKYLAKE, ...XEON_CASCADE] },
  { vendor: "Lenovo", model: "ThinkSystem SR665", year: 2020.3, cpus: EPYC_ROME_MILAN },
  { vendor: "Lenovo", model: "ThinkSystem SR650 V2", year: 2021.3, cpus: XEON_ICE },
  { vendor: "Lenovo", model: "ThinkSystem SR630 V3", year: 2023.1, cpus: XEON_SAPPHIRE },
  { vendor: "Cisco", model: "UCS B200 M5", year: 2017.6, cpus: [...XEON_SKYLAKE, ...XEON_CASCADE] },
  { vendor: "Cisco", model: "UCS C240 M5", year: 2017.6, cpus: XEON_CASCADE },
  { vendor: "Cisco", model: "UCS C220 M6", year: 2021.4, cpus: XEON_ICE },
  { vendor: "Supermicro", model: "SYS-1029P-WTR", year: 2017.8, cpus: XEON_CASCADE },
  { vendor: "Supermicro", model: "AS-1124US-TNRP", year: 2021.0, cpus: EPYC_ROME_MILAN },
  { vendor: "Fujitsu", model: "PRIMERGY RX2540 M5", year: 2019.3, cpus: XEON_CASCADE },
  { vendor: "Fujitsu", model: "PRIMERGY RX2540 M7", year: 2023.2, cpus: XEON_SAPPHIRE },
];

/** Nutanix clusters run on Nutanix-branded nodes or OEM appliances. */
export const NUTANIX_NODES: readonly HostModel[] = [
  { vendor: "Nutanix", model: "NX-3060-G6", year: 2017.9, cpus: XEON_SKYLAKE },
  { vendor: "Nutanix", model: "NX-3060-G7", year: 2019.4, cpus: XEON_CASCADE },
  { vendor: "Nutanix", model: "NX-3170-G8", year: 2021.5, cpus: XEON_ICE },
  { vendor: "Dell", model: "XC650-10", year: 2021.5, cpus: XEON_ICE },
  { vendor: "Lenovo", model: "ThinkAgile HX3330", year: 2019.5, cpus: XEON_CASCADE },
];

/** Desktop-class hosts for VirtualBox. */
export const WORKSTATIONS: readonly HostModel[] = [
  { vendor: "Dell", model: "Precision 5560", year: 2021.5, cpus: ["11th Gen Intel(R) Core(TM) i7-11850H @ 2.50GHz"] },
  { vendor: "Lenovo", model: "ThinkPad P1 Gen 4", year: 2021.6, cpus: ["11th Gen Intel(R) Core(TM) i7-11800H @ 2.30GHz"] },
  { vendor: "HP", model: "Z4 G4", year: 2018, cpus: ["Intel(R) Xeon(R) W-2145 CPU @ 3.70GHz"] },
  { vendor: "Lenovo", model: "ThinkPad T480", year: 2018.2, cpus: ["Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz"] },
];
