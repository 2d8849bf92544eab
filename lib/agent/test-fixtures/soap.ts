/**
 * SOAP documents shaped like real vCenter answers (xsi-typed values, MoRefs
 * with a type attribute), for tests that need exact control over the XML.
 */
export const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" ' +
  'xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>';
export const ENVELOPE_CLOSE = "</soapenv:Body></soapenv:Envelope>";

export function envelope(inner: string): string {
  return ENVELOPE_OPEN + inner + ENVELOPE_CLOSE;
}

export function retrieveResponse(method: "RetrievePropertiesEx" | "ContinueRetrievePropertiesEx", objects: string, token?: string): string {
  return envelope(
    `<${method}Response xmlns="urn:vim25"><returnval>${token ? `<token>${token}</token>` : ""}${objects}</returnval></${method}Response>`,
  );
}

export function prop(name: string, type: string, inner: string, extraAttr = ""): string {
  return `<propSet><name>${name}</name><val xsi:type="${type}"${extraAttr}>${inner}</val></propSet>`;
}

export interface FixtureVm {
  id: string;
  name: string;
  template?: boolean;
  hostId?: string;
  hardware?: string | null;
  guestId?: string;
  guestFullName?: string;
  powerState?: string;
  quickStats?: string;
  maxCpuUsage?: number;
}

export function vmObject(v: FixtureVm): string {
  const props = [
    prop("name", "xsd:string", v.name),
    prop("config.template", "xsd:boolean", v.template ? "true" : "false"),
    v.hardware === null ? "" : prop("config.hardware", "VirtualHardware", v.hardware ?? HARDWARE_RICH),
    prop("config.guestId", "xsd:string", v.guestId ?? "windows2019srv_64Guest"),
    prop("config.guestFullName", "xsd:string", v.guestFullName ?? "Microsoft Windows Server 2019 (64-bit)"),
    prop("config.version", "xsd:string", "vmx-19"),
    prop("config.firmware", "xsd:string", "efi"),
    prop("config.uuid", "xsd:string", "4211a2b3-0000-1111-2222-333344445555"),
    prop("config.instanceUuid", "xsd:string", "5011c3d4-aaaa-bbbb-cccc-ddddeeeeffff"),
    prop("config.files.vmPathName", "xsd:string", `[san-ds-01] ${v.name}/${v.name}.vmx`),
    prop("runtime.host", "ManagedObjectReference", v.hostId ?? "host-10", ' type="HostSystem"'),
    prop("runtime.powerState", "VirtualMachinePowerState", v.powerState ?? "poweredOn"),
    prop("summary.runtime.maxCpuUsage", "xsd:int", String(v.maxCpuUsage ?? 9200)),
    prop("summary.quickStats", "VirtualMachineQuickStats", v.quickStats ?? "<overallCpuUsage>2300</overallCpuUsage><guestMemoryUsage>4096</guestMemoryUsage><hostMemoryUsage>16500</hostMemoryUsage>"),
  ].join("");
  const missing =
    v.hardware === null
      ? '<missingSet><path>config.hardware</path><fault><fault xsi:type="NoPermission"><object type="VirtualMachine">' +
        v.id +
        "</object><privilegeId>System.Read</privilegeId></fault><localizedMessage>Permission to perform this operation was denied.</localizedMessage></fault></missingSet>"
      : "";
  return `<objects><obj type="VirtualMachine">${v.id}</obj>${props}${missing}</objects>`;
}

/**
 * A Windows server with every device kind the mapper must tell apart: IDE,
 * SATA, LSI SAS, PVSCSI and NVMe controllers; a disk sized in bytes and one
 * in KB only; thin, thick and sparse backings; a CD-ROM and a floppy; NICs on
 * a standard port group, a distributed port group and an opaque network.
 */
export const HARDWARE_RICH = [
  "<numCPU>8</numCPU><numCoresPerSocket>4</numCoresPerSocket><memoryMB>32768</memoryMB>",
  "<virtualICH7MPresent>false</virtualICH7MPresent><virtualSMCPresent>false</virtualSMCPresent>",
  '<device xsi:type="VirtualIDEController"><key>200</key><deviceInfo><label>IDE 0</label><summary>IDE 0</summary></deviceInfo><busNumber>0</busNumber><device>3002</device></device>',
  '<device xsi:type="VirtualAHCIController"><key>15000</key><deviceInfo><label>SATA controller 0</label><summary>AHCI</summary></deviceInfo><busNumber>0</busNumber></device>',
  '<device xsi:type="VirtualLsiLogicSASController"><key>1000</key><deviceInfo><label>SCSI controller 0</label><summary>LSI Logic SAS</summary></deviceInfo><busNumber>0</busNumber><hotAddRemove>true</hotAddRemove><sharedBus>noSharing</sharedBus><scsiCtlrUnitNumber>7</scsiCtlrUnitNumber></device>',
  '<device xsi:type="ParaVirtualSCSIController"><key>1001</key><deviceInfo><label>SCSI controller 1</label><summary>VMware paravirtual SCSI</summary></deviceInfo><busNumber>1</busNumber><sharedBus>noSharing</sharedBus></device>',
  '<device xsi:type="VirtualNVMEController"><key>31000</key><deviceInfo><label>NVME controller 0</label><summary>NVME controller 0</summary></deviceInfo><busNumber>0</busNumber></device>',
  // 100 GiB in bytes, thin, on LSI SAS
  '<device xsi:type="VirtualDisk"><key>2000</key><deviceInfo><label>Hard disk 1</label><summary>104,857,600 KB</summary></deviceInfo>' +
    '<backing xsi:type="VirtualDiskFlatVer2BackingInfo"><fileName>[san-ds-01] web01/web01.vmdk</fileName><datastore type="Datastore">datastore-11</datastore>' +
    "<diskMode>persistent</diskMode><split>false</split><writeThrough>false</writeThrough><thinProvisioned>true</thinProvisioned><eagerlyScrub>false</eagerlyScrub>" +
    "<uuid>6000C291-aaaa-bbbb-cccc-111122223333</uuid><contentId>abc</contentId></backing>" +
    "<controllerKey>1000</controllerKey><unitNumber>0</unitNumber><capacityInKB>104857600</capacityInKB><capacityInBytes>107374182400</capacityInBytes></device>",
  // 1.5 GiB in KB only (an old server), thick, on PVSCSI
  '<device xsi:type="VirtualDisk"><key>2001</key><backing xsi:type="VirtualDiskFlatVer2BackingInfo"><fileName>[san-ds-01] web01/web01_1.vmdk</fileName>' +
    "<diskMode>persistent</diskMode><thinProvisioned>false</thinProvisioned></backing><controllerKey>1001</controllerKey><unitNumber>0</unitNumber><capacityInKB>1572864</capacityInKB></device>",
  // 8 GiB sparse (grows on demand), on SATA, no thinProvisioned flag
  '<device xsi:type="VirtualDisk"><key>16000</key><backing xsi:type="VirtualDiskSeSparseBackingInfo"><fileName>[san-ds-01] web01/web01_2.vmdk</fileName>' +
    "<diskMode>persistent</diskMode></backing><controllerKey>15000</controllerKey><unitNumber>0</unitNumber><capacityInKB>8388608</capacityInKB><capacityInBytes>8589934592</capacityInBytes></device>",
  // 512 GiB raw device mapping on NVMe: provisioning unknown
  '<device xsi:type="VirtualDisk"><key>32000</key><backing xsi:type="VirtualDiskRawDiskMappingVer1BackingInfo"><fileName>[san-ds-01] web01/web01_3.vmdk</fileName>' +
    "<deviceName>vml.0200000000600a098038303053</deviceName><compatibilityMode>physicalMode</compatibilityMode><diskMode>independent_persistent</diskMode></backing>" +
    "<controllerKey>31000</controllerKey><unitNumber>0</unitNumber><capacityInKB>536870912</capacityInKB><capacityInBytes>549755813888</capacityInBytes></device>",
  '<device xsi:type="VirtualCdrom"><key>3002</key><deviceInfo><label>CD/DVD drive 1</label><summary>ISO [iso-lib] en_windows_server_2019.iso</summary></deviceInfo>' +
    '<backing xsi:type="VirtualCdromIsoBackingInfo"><fileName>[iso-lib] en_windows_server_2019.iso</fileName></backing><controllerKey>200</controllerKey><unitNumber>0</unitNumber></device>',
  '<device xsi:type="VirtualFloppy"><key>8000</key><deviceInfo><label>Floppy drive 1</label><summary>Remote</summary></deviceInfo>' +
    '<backing xsi:type="VirtualFloppyRemoteDeviceBackingInfo"><deviceName></deviceName></backing><controllerKey>400</controllerKey><unitNumber>0</unitNumber></device>',
  '<device xsi:type="VirtualVmxnet3"><key>4000</key><deviceInfo><label>Network adapter 1</label><summary>Prod-Web-VLAN120</summary></deviceInfo>' +
    '<backing xsi:type="VirtualEthernetCardNetworkBackingInfo"><deviceName>Prod-Web-VLAN120</deviceName><useAutoDetect>false</useAutoDetect><network type="Network">network-20</network></backing>' +
    "<controllerKey>100</controllerKey><unitNumber>7</unitNumber><addressType>assigned</addressType><macAddress>00:50:56:8a:01:02</macAddress><wakeOnLanEnabled>true</wakeOnLanEnabled></device>",
  '<device xsi:type="VirtualE1000e"><key>4001</key><deviceInfo><label>Network adapter 2</label><summary>DVSwitch: 50 2a 6f 01 9c 1e 44 d1-a5 63 8d 8f 31 5f 32 aa</summary></deviceInfo>' +
    '<backing xsi:type="VirtualEthernetCardDistributedVirtualPortBackingInfo"><port><switchUuid>50 2a 6f 01 9c 1e 44 d1-a5 63 8d 8f 31 5f 32 aa</switchUuid><portgroupKey>dvportgroup-35</portgroupKey><portKey>17</portKey></port></backing>' +
    "<controllerKey>100</controllerKey><unitNumber>8</unitNumber><addressType>assigned</addressType><macAddress>00:50:56:8a:01:03</macAddress></device>",
  '<device xsi:type="VirtualPCNet32"><key>4002</key><deviceInfo><label>Network adapter 3</label><summary>DVSwitch: 50 2a</summary></deviceInfo>' +
    '<backing xsi:type="VirtualEthernetCardDistributedVirtualPortBackingInfo"><port><switchUuid>50 2a</switchUuid><portgroupKey>dvportgroup-99</portgroupKey></port></backing>' +
    "<macAddress>00:50:56:8a:01:04</macAddress></device>",
  '<device xsi:type="VirtualSriovEthernetCard"><key>4003</key><deviceInfo><label>Network adapter 4</label><summary>nsx-segment</summary></deviceInfo>' +
    '<backing xsi:type="VirtualEthernetCardOpaqueNetworkBackingInfo"><opaqueNetworkId>a1b2c3d4-nsx</opaqueNetworkId><opaqueNetworkType>nsx.LogicalSwitch</opaqueNetworkType></backing>' +
    "<macAddress>00:50:56:8a:01:05</macAddress></device>",
  '<device xsi:type="VirtualVmxnet2"><key>4004</key><deviceInfo><label>Network adapter 5</label><summary>Prod-Web-VLAN120</summary></deviceInfo>' +
    '<backing xsi:type="VirtualEthernetCardNetworkBackingInfo"><deviceName>Prod-Web-VLAN120</deviceName></backing><macAddress>00:50:56:8a:01:06</macAddress></device>',
].join("");

/** The smallest valid hardware: one vCPU, no devices. */
export const HARDWARE_MINIMAL = "<numCPU>1</numCPU><numCoresPerSocket>1</numCoresPerSocket><memoryMB>512</memoryMB>";
