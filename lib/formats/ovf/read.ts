import { AppError } from "@/lib/errors/app-error";
import { attr, child, childText, childrenNamed, decodeXmlBytes, descendants, parseXml, type XmlElement } from "@/lib/formats/util/xml";

/** One rasd/sasd/epasd item of a VirtualHardwareSection, keyed by local element name. */
export interface OvfItem {
  resourceType: number | null;
  fields: Record<string, string>;
  /** The deployment options this item belongs to (empty: all). */
  configuration: string[];
  element: XmlElement;
}

export interface OvfDisk {
  diskId: string;
  capacity: string | null;
  capacityAllocationUnits: string | null;
  fileRef: string | null;
}

export interface OvfVirtualSystem {
  id: string | null;
  name: string | null;
  osId: string | null;
  osType: string | null;
  osDescription: string | null;
  systemTypes: string[];
  items: OvfItem[];
  /** vmw:Config / vmw:ExtraConfig key -> value. */
  config: Record<string, string>;
  element: XmlElement;
}

export interface OvfRaw {
  version: string | null;
  systems: OvfVirtualSystem[];
  disks: Map<string, OvfDisk>;
  files: Map<string, string>;
  networks: string[];
  root: XmlElement;
  warnings: string[];
}

const ITEM_NAMES = new Set(["Item", "StorageItem", "EthernetPortItem"]);

function readItem(el: XmlElement): OvfItem {
  const fields: Record<string, string> = {};
  for (const c of el.children) {
    if (c.text !== "" && !(c.name in fields)) fields[c.name] = c.text;
  }
  const type = fields.ResourceType;
  const configuration = (attr(el, "configuration") ?? "").split(/\s+/).filter(Boolean);
  return { resourceType: type && /^\d+$/.test(type) ? Number(type) : null, fields, configuration, element: el };
}

function defaultConfiguration(root: XmlElement): string | null {
  const options = descendants(root, "DeploymentOptionSection")[0];
  const configs = childrenNamed(options, "Configuration");
  if (configs.length === 0) return null;
  const chosen = configs.find((c) => attr(c, "default") === "true") ?? configs[0];
  return attr(chosen, "id");
}

function readSystem(el: XmlElement, config: string | null): OvfVirtualSystem {
  const os = child(el, "OperatingSystemSection");
  const hardware = child(el, "VirtualHardwareSection");
  const system = child(hardware, "System");
  const items = (hardware?.children ?? [])
    .filter((c) => ITEM_NAMES.has(c.name))
    .map(readItem)
    .filter((i) => i.configuration.length === 0 || (config != null && i.configuration.includes(config)));
  const vendorConfig: Record<string, string> = {};
  for (const c of hardware?.children ?? []) {
    if ((c.name === "Config" || c.name === "ExtraConfig") && attr(c, "key")) vendorConfig[attr(c, "key")!] = c.attrs.value ?? "";
  }
  return {
    id: attr(el, "id"),
    name: childText(el, "Name"),
    osId: attr(os, "id"),
    osType: attr(os, "osType") ?? childText(os, "OSType"),
    osDescription: childText(os, "Description"),
    systemTypes: (childText(system, "VirtualSystemType") ?? "").split(/[\s,]+/).filter(Boolean),
    items,
    config: vendorConfig,
    element: el,
  };
}

export function readOvf(data: Uint8Array, fileName: string): OvfRaw {
  const root = parseXml(fileName, decodeXmlBytes(fileName, data));
  if (root.name !== "Envelope") {
    throw new AppError("parse_error", `expected an OVF <Envelope>, found <${root.name}>`, { file: fileName });
  }
  const warnings: string[] = [];
  const config = defaultConfiguration(root);
  if (config != null) warnings.push(`${fileName}: several deployment options; used "${config}"`);
  const disks = new Map<string, OvfDisk>();
  for (const d of descendants(root, "Disk")) {
    const diskId = attr(d, "diskId");
    if (diskId) {
      disks.set(diskId, {
        diskId,
        capacity: attr(d, "capacity"),
        capacityAllocationUnits: attr(d, "capacityAllocationUnits"),
        fileRef: attr(d, "fileRef"),
      });
    }
  }
  const files = new Map<string, string>();
  for (const f of childrenNamed(child(root, "References"), "File")) {
    const id = attr(f, "id");
    if (id) files.set(id, attr(f, "href") ?? "");
  }
  const networks = descendants(root, "NetworkSection").flatMap((s) =>
    childrenNamed(s, "Network").map((n) => attr(n, "name") ?? "").filter(Boolean),
  );
  const systems = descendants(root, "VirtualSystem").map((s) => readSystem(s, config));
  if (systems.length === 0) throw new AppError("parse_error", "no VirtualSystem in the envelope", { file: fileName, field: "VirtualSystem" });
  return { version: attr(root, "version"), systems, disks, files, networks, root, warnings };
}
