import { describe, expect, it } from "vitest";
import type { Disk } from "@/lib/vm/model";
import { formatBytesLimit, vmfs3MaxFileBytes, vmfsBlockSizeCheck, VMDK_2TB_LIMIT_BYTES } from "./vmfs-block-size";
import { esxi, makeInput } from "./test-input";

const GIB = 2 ** 30;
const disk = (sizeGiB: number | null): Disk => ({ sizeGiB, bus: "scsi", provisioning: "thin" });
const run = (sizes: (number | null)[], datastoreVersion: string | null, datastoreBlockSizeMB: number | null, version = "4.1") =>
  vmfsBlockSizeCheck.run(makeInput(
    { disks: sizes.map(disk), hypervisor: esxi(version) },
    { datastoreType: "vmfs", datastoreVersion, datastoreBlockSizeMB },
  ));

describe("vmfs3MaxFileBytes", () => {
  it("is 2^18 blocks, capped at 2 TiB minus 512 bytes", () => {
    expect(vmfs3MaxFileBytes(1)).toBe(256 * GIB);
    expect(vmfs3MaxFileBytes(2)).toBe(512 * GIB);
    expect(vmfs3MaxFileBytes(4)).toBe(1024 * GIB);
    expect(vmfs3MaxFileBytes(8)).toBe(2048 * GIB - 512);
    expect(vmfs3MaxFileBytes(3)).toBeNull();
    expect(formatBytesLimit(VMDK_2TB_LIMIT_BYTES)).toBe("2 TiB minus 512 bytes");
    expect(formatBytesLimit(1024 * GIB)).toBe("1 TiB");
    expect(formatBytesLimit(256 * GIB)).toBe("256 GiB");
  });
});

describe("vmfsBlockSizeCheck", () => {
  it("accepts a 256 GiB disk on 1 MB blocks and rejects 257 GiB, naming the disk", () => {
    expect(run([256], "3", 1)).toEqual([]);
    const [f] = run([40, 257], "3", 1);
    expect(f.severity).toBe("problem");
    expect(f.title).toBe("Disk 2 (257 GiB) is larger than a VMFS-3 datastore with 1 MB blocks allows");
    expect(f.explanation).toContain("256 GiB");
    expect(f.explanation).toContain("Insufficient disk space on datastore");
  });

  it("rejects even a fraction of a GiB over the limit", () => {
    expect(run([256 + 1 / 1024], "3", 1)).toHaveLength(1);
  });

  it("reports each disk over the limit", () => {
    const found = run([600, 100, 513], "VMFS-3", 2);
    expect(found.map((f) => f.title.slice(0, 6))).toEqual(["Disk 1", "Disk 3"]);
  });

  it("uses the 2 TiB minus 512 bytes ceiling on 8 MB blocks", () => {
    expect(run([2047.99], "3", 8)).toEqual([]);
    expect(run([2048], "3", 8)).toHaveLength(1);
    expect(run([1024], "3", 4)).toEqual([]);
    expect(run([1025], "3", 4)).toHaveLength(1);
  });

  it("allows 62 TiB on VMFS-5 and VMFS-6 from ESXi 5.5, 2 TiB minus 512 bytes before", () => {
    expect(run([3000], "5", 1, "6.7")).toEqual([]);
    expect(run([62 * 1024], "6", null, "7.0")).toEqual([]);
    expect(run([62 * 1024 + 1], "6", null, "7.0")).toHaveLength(1);
    expect(run([3000], "5", 1, "5.1")[0].explanation).toContain("2 TiB minus 512 bytes");
  });

  it("returns nothing when the datastore facts are unknown or not VMFS", () => {
    expect(run([5000], null, 1)).toEqual([]);
    expect(run([5000], "3", null)).toEqual([]);
    expect(run([null], "3", 1)).toEqual([]);
    expect(vmfsBlockSizeCheck.run(makeInput({ disks: [disk(5000)] }, { datastoreType: "nfs", datastoreVersion: "3", datastoreBlockSizeMB: 1 }))).toEqual([]);
  });
});
