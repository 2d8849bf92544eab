/**
 * The PowerShell line the contribute page offers for Hyper-V: Get-VM with the
 * properties the Hyper-V parser reads (lib/formats/hyperv/map.ts). Get-VM's
 * hard drives carry no size, so each is joined with Get-VHD's Size and VhdType;
 * -Depth 4 keeps the drives and adapters as objects instead of type names.
 */
export const HYPERV_EXPORT_PROPERTIES = [
  "Name", "VMId", "State", "ProcessorCount", "MemoryStartup", "DynamicMemoryEnabled", "MemoryMaximum", "Generation",
  "Version", "CPUUsage", "MemoryAssigned", "MemoryDemand",
] as const;

export const HYPERV_EXPORT_COMMAND =
  `Get-VM | Select-Object ${HYPERV_EXPORT_PROPERTIES.join(",")},` +
  "@{n='HardDrives';e={$_.HardDrives | ForEach-Object { $v = Get-VHD -Path $_.Path; [pscustomobject]@{ControllerType=$_.ControllerType; Size=$v.Size; VhdType=$v.VhdType} }}}," +
  "@{n='NetworkAdapters';e={$_.NetworkAdapters | Select-Object SwitchName,IsLegacy}}" +
  " | ConvertTo-Json -Depth 4 | Out-File -Encoding utf8 vms.json";
