import type { FormatParser } from "@/lib/formats/types";
import { hypervParser } from "./hyperv";
import { libvirtParser } from "./libvirt";
import { ovfParser } from "./ovf";
import { proxmoxParser } from "./proxmox";
import { rvtoolsParser } from "./rvtools";
import { vboxParser } from "./vbox";
import { vmxParser } from "./vmx";
import { vsphereJsonParser } from "./vsphere-json";

/**
 * Every format the site reads. Detection asks each in turn, so the order only
 * matters for exact ties without a matching extension (the first one wins).
 */
export const PARSERS: readonly FormatParser[] = [
  vmxParser,
  ovfParser,
  libvirtParser,
  vboxParser,
  proxmoxParser,
  vsphereJsonParser,
  hypervParser,
  rvtoolsParser,
];
