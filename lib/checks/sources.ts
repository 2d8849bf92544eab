import type { CheckSource } from "./types";

/** Sources cited by more than one check. */
export const SOURCES = {
  hardwareVersions: {
    title: "Broadcom KB 315655: Virtual machine hardware versions",
    url: "https://knowledge.broadcom.com/external/article/315655/virtual-machine-hardware-versions.html",
  },
  vmAdminHardwareVersion: {
    title: "vSphere Virtual Machine Administration: Virtual Machine Compatibility (hardware versions and the hosts that run them)",
  },
  guestOsInstallGuide: {
    title: "VMware Guest Operating System Installation Guide",
    url: "https://partnerweb.vmware.com/GOSIG/home.html",
  },
  compatibilityGuide: {
    title: "Broadcom Compatibility Guide: Guest OS",
    url: "https://compatibilityguide.broadcom.com/search?program=software&persona=live",
  },
  vmfsMaximums41: {
    title: "VMware vSphere 4.1 Configuration Maximums: VMFS-3 file size per block size",
    url: "https://www.vmware.com/pdf/vsphere4/r41/vsp_41_config_max.pdf",
  },
  vmfsBlockSizeArticle: {
    title: "Understanding VMFS Block Size And File Size (VMFS-3 block size and largest file)",
    url: "https://deinoscloud.wordpress.com/2010/07/26/understanding-vmfs-block-size-and-file-size/",
  },
  vmdk62tb: {
    title: "vSphere 5.5 and later Configuration Maximums: virtual disk size 62 TB on VMFS-5/6",
    url: "https://configmax.broadcom.com/",
  },
  vsphereSecurityNetworking: {
    title: "vSphere Security: Securing vSphere Networking (isolate management, vMotion and storage traffic)",
  },
  viewStorageOvercommit: {
    title: "VMware Horizon 6: Storage Overcommit for Linked-Clone Virtual Machines",
    url: "https://docs.vmware.com/en/VMware-Horizon-6/6.2/com.vmware.horizon-view.desktops.doc/GUID-5CE57B8D-3127-44DB-BA51-18C96CE29096.html",
  },
  viewManagerComposer: {
    title: "View Manager 3 Administration Guide: View Composer, storage overcommit and delta disk growth",
  },
  coresPerSocket: {
    title: "VMware KB 1010184: Setting the number of cores per CPU in a virtual machine",
    url: "https://kb.vmware.com/s/article/1010184",
  },
  nicChoice: {
    title: "VMware KB 1001805: Choosing a network adapter for your virtual machine",
    url: "https://kb.vmware.com/s/article/1001805",
  },
  proxmoxQemu: {
    title: "Proxmox VE: QEMU/KVM Virtual Machines (network device models, VirtIO for best performance)",
    url: "https://pve.proxmox.com/wiki/Qemu/KVM_Virtual_Machines",
  },
  vmAdminMemory: {
    title: "vSphere Virtual Machine Administration: Virtual Memory Configuration (memory size must be a multiple of 4 MB)",
  },
  vmAdminIde: {
    title: "vSphere Virtual Machine Administration: Storage Controller Conditions, Limitations and Compatibility (IDE: 2 controllers, 2 devices each)",
  },
  windows11Requirements: {
    title: "Microsoft: Windows 11 requirements (UEFI, Secure Boot capable, TPM 2.0)",
    url: "https://learn.microsoft.com/en-us/windows/whats-new/windows-11-requirements",
  },
  windowsServerRequirements: {
    title: "Microsoft: Hardware requirements for Windows Server (UEFI 2.3.1c firmware that supports Secure Boot)",
    url: "https://learn.microsoft.com/en-us/windows-server/get-started/hardware-requirements",
  },
} satisfies Record<string, CheckSource>;
