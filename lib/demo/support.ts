import type { Platform } from "@/lib/demo/profiles";

/**
 * Which combinations exist, so the demo generates only those: an application
 * version on a guest its vendor supports, a guest its hypervisor release
 * supports. Guests are VMware guest ids (lib/taxonomy/guest-os.ts); VMware
 * has one id for Windows Server 2012 and 2012 R2 (windows8Server64Guest).
 * The tables are conservative: where a vendor supported a combination only
 * with a late service pack or cumulative update, it is left out.
 */

const WS2003 = "winNetStandard64Guest";
const WS2003_32 = "winNetStandardGuest";
const WS2008 = "winLonghorn64Guest";
const WS2008R2 = "windows7Server64Guest";
const WS2012 = "windows8Server64Guest";
const WS2016 = "windows9Server64Guest";
const WS2019 = "windows2019srv_64Guest";
const WS2022 = "windows2019srvNext_64Guest";
const WS2025 = "windows2022srvNext_64Guest";

export interface AppVersionSupport {
  /** Year the version shipped: no VM runs it before. */
  year: number;
  guests: readonly string[];
}

/**
 * Application version -> guest systems its vendor supports it on. Sources (vendors' public documentation):
 * - SQL Server: Microsoft Learn, "SQL Server 20xx: Hardware and software requirements" for each release
 *   (2016/2017: Windows Server 2012 or later; 2019: 2016 or later; 2022: 2016 to 2025; 2025: 2019 or later).
 * - Exchange Server: Microsoft Learn, "Exchange Server supportability matrix" (operating system table).
 * - SharePoint Server: Microsoft Learn, "Hardware and software requirements for SharePoint Server" per release.
 * - Active Directory, IIS, Remote Desktop Session Host: the role ships with the Windows Server release it is
 *   named after (IIS 7.5 = 2008 R2, 8.0 = 2012, 8.5 = 2012 R2, 10.0 = 2016 and later; Microsoft Learn, IIS versions).
 * - AD FS: 2.0 on 2008/2008 R2, 3.0 on 2012 R2, "2016"/"2019" with those releases (Microsoft Learn, AD FS overview).
 * - System Center Operations Manager: Microsoft Learn, "System requirements for Operations Manager" per release.
 * - Configuration Manager: Microsoft Learn, "Supported operating systems for site system servers" per branch.
 * - Skype for Business / Lync Server: Microsoft Learn, server requirements for Lync 2010/2013, Skype 2015/2019.
 * - Citrix Virtual Apps: Citrix product documentation, "System requirements" of each LTSR (6.5, 7.15, 1912, 2203, 2402).
 * - Veeam Backup & Replication: Veeam Help Center, "System Requirements" of 9.5, 10, 11, 12.
 */
export const APP_VERSION_SUPPORT: Readonly<Record<string, Readonly<Record<string, AppVersionSupport>>>> = {
  "mssql": {
    "2008": { year: 2008.6, guests: [WS2003, WS2003_32, WS2008, WS2008R2] },
    "2008 R2": { year: 2010.3, guests: [WS2003, WS2008, WS2008R2] },
    "2012": { year: 2012.2, guests: [WS2008R2, WS2012] },
    "2014": { year: 2014.3, guests: [WS2008R2, WS2012, WS2016] },
    "2016": { year: 2016.4, guests: [WS2012, WS2016, WS2019] },
    "2017": { year: 2017.8, guests: [WS2012, WS2016, WS2019, WS2022] },
    "2019": { year: 2019.85, guests: [WS2016, WS2019, WS2022] },
    "2022": { year: 2022.85, guests: [WS2016, WS2019, WS2022, WS2025] },
    "2025": { year: 2025.85, guests: [WS2019, WS2022, WS2025] },
  },
  "microsoft-exchange": {
    "2007": { year: 2006.9, guests: [WS2003, WS2008] },
    "2010": { year: 2009.85, guests: [WS2008, WS2008R2] },
    "2013": { year: 2012.8, guests: [WS2008R2, WS2012] },
    "2016": { year: 2015.75, guests: [WS2012, WS2016] },
    "2019": { year: 2018.8, guests: [WS2019, WS2022] },
    "SE": { year: 2025.5, guests: [WS2019, WS2022, WS2025] },
  },
  "sharepoint": {
    "2007": { year: 2006.9, guests: [WS2003, WS2008] },
    "2010": { year: 2010.4, guests: [WS2008, WS2008R2] },
    "2013": { year: 2012.8, guests: [WS2008R2, WS2012] },
    "2016": { year: 2016.3, guests: [WS2012, WS2016, WS2019] },
    "2019": { year: 2018.8, guests: [WS2016, WS2019, WS2022] },
    "SE": { year: 2024.9, guests: [WS2019, WS2022, WS2025] },
  },
  "active-directory": {
    "2008 R2": { year: 2009.8, guests: [WS2008R2] },
    "2012": { year: 2012.7, guests: [WS2012] },
    "2012 R2": { year: 2013.8, guests: [WS2012] },
    "2016": { year: 2016.8, guests: [WS2016] },
    "2019": { year: 2018.8, guests: [WS2019] },
    "2022": { year: 2021.7, guests: [WS2022] },
    "2025": { year: 2024.85, guests: [WS2025] },
  },
  "rds-session-host": {
    "2008 R2": { year: 2009.8, guests: [WS2008R2] },
    "2012 R2": { year: 2013.8, guests: [WS2012] },
    "2016": { year: 2016.8, guests: [WS2016] },
    "2019": { year: 2018.8, guests: [WS2019] },
    "2022": { year: 2021.7, guests: [WS2022] },
  },
  "microsoft-iis": {
    "6.0": { year: 2003.3, guests: [WS2003, WS2003_32] },
    "7.0": { year: 2008.2, guests: [WS2008] },
    "7.5": { year: 2009.8, guests: [WS2008R2] },
    "8.0": { year: 2012.7, guests: [WS2012] },
    "8.5": { year: 2013.8, guests: [WS2012] },
    "10.0": { year: 2016.8, guests: [WS2016, WS2019, WS2022, WS2025] },
  },
  "microsoft-adfs": {
    "2.0": { year: 2010.4, guests: [WS2008, WS2008R2] },
    "3.0": { year: 2013.8, guests: [WS2012] },
    "2016": { year: 2016.8, guests: [WS2016] },
    "2019": { year: 2018.8, guests: [WS2019] },
  },
  "scom": {
    "2012 R2": { year: 2013.8, guests: [WS2008R2, WS2012] },
    "2016": { year: 2016.8, guests: [WS2012, WS2016] },
    "2019": { year: 2019.2, guests: [WS2016, WS2019] },
    "2022": { year: 2022.3, guests: [WS2019, WS2022] },
  },
  "sccm": {
    "2012 R2": { year: 2013.8, guests: [WS2008R2, WS2012] },
    "1902": { year: 2019.2, guests: [WS2012, WS2016, WS2019] },
    "2103": { year: 2021.3, guests: [WS2012, WS2016, WS2019] },
    "2303": { year: 2023.3, guests: [WS2016, WS2019, WS2022] },
    "2403": { year: 2024.3, guests: [WS2016, WS2019, WS2022] },
  },
  "skype-for-business": {
    "2010": { year: 2010.9, guests: [WS2008, WS2008R2] },
    "2013": { year: 2012.8, guests: [WS2008R2, WS2012] },
    "2015": { year: 2015.4, guests: [WS2008R2, WS2012, WS2016] },
    "2019": { year: 2018.8, guests: [WS2016, WS2019] },
  },
  "citrix-virtual-apps": {
    "6.5": { year: 2011.6, guests: [WS2008R2] },
    "7.15": { year: 2017.6, guests: [WS2008R2, WS2012, WS2016] },
    "1912": { year: 2019.9, guests: [WS2012, WS2016, WS2019] },
    "2203": { year: 2022.2, guests: [WS2016, WS2019, WS2022] },
    "2402": { year: 2024.2, guests: [WS2016, WS2019, WS2022] },
  },
  "veeam-backup": {
    "9.5": { year: 2016.9, guests: [WS2008R2, WS2012, WS2016] },
    "10": { year: 2020.1, guests: [WS2008R2, WS2012, WS2016, WS2019] },
    "11": { year: 2021.15, guests: [WS2012, WS2016, WS2019, WS2022] },
    "12": { year: 2023.1, guests: [WS2012, WS2016, WS2019, WS2022] },
  },
};

/** Versions of an application that run on a guest; undefined when we hold no facts for the application. */
export function versionsForGuest(slug: string, guestId: string): string[] | undefined {
  const table = APP_VERSION_SUPPORT[slug];
  if (!table) return undefined;
  return Object.entries(table).filter(([, s]) => s.guests.includes(guestId)).map(([v]) => v);
}

export function appVersionYear(slug: string, version: string | null): number | null {
  return version ? APP_VERSION_SUPPORT[slug]?.[version]?.year ?? null : null;
}

/**
 * Windows guests each Hyper-V release runs, from Microsoft Learn, "Supported Windows guest operating systems
 * for Hyper-V on Windows Server" (and its archived 2012 R2 edition). Linux and FreeBSD guests are supported on
 * every release listed ("Supported Linux and FreeBSD virtual machines for Hyper-V on Windows").
 */
export const HYPERV_WINDOWS_GUESTS: Readonly<Record<string, readonly string[]>> = {
  "Windows Server 2012 R2": [WS2008, WS2008R2, WS2012, "windows7_64Guest", "windows7Guest", "windows8_64Guest", "windows9_64Guest"],
  "Windows Server 2016": [WS2008, WS2008R2, WS2012, WS2016, "windows7_64Guest", "windows7Guest", "windows8_64Guest", "windows9_64Guest"],
  "Windows Server 2019": [WS2008R2, WS2012, WS2016, WS2019, "windows7_64Guest", "windows8_64Guest", "windows9_64Guest"],
  "Windows Server 2022": [WS2012, WS2016, WS2019, WS2022, "windows8_64Guest", "windows9_64Guest", "windows11_64Guest"],
  "Windows Server 2025": [WS2016, WS2019, WS2022, WS2025, "windows9_64Guest", "windows11_64Guest"],
};

/**
 * ESXi drops old Windows releases from the Broadcom Compatibility Guide: the last ESXi release that still
 * lists each (conservatively: the last one we are sure of).
 */
const ESXI_LAST_FOR_GUEST: Readonly<Record<string, number>> = {
  [WS2003]: 6.5, [WS2003_32]: 6.5, [WS2008]: 7.0, winLonghornGuest: 7.0, "windows7Guest": 7.0,
};

/**
 * Whether the hypervisor release runs the guest. A guest that shipped more than a year after the release
 * is never listed for it (vendors add new guests in the updates of the following months).
 */
export function hostSupportsGuest(platform: Platform, release: { version: string; year: number }, guestId: string, guestYear: number | undefined, isWindows: boolean): boolean {
  if (guestYear !== undefined && guestYear > release.year + 1) return false;
  if (platform === "hyper-v" && isWindows) return HYPERV_WINDOWS_GUESTS[release.version]?.includes(guestId) ?? false;
  if (platform === "esxi") {
    const last = ESXI_LAST_FOR_GUEST[guestId];
    if (last !== undefined && Number.parseFloat(release.version) > last) return false;
  }
  return true;
}
