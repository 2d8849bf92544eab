import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { normalizedVmSchema } from "@/lib/vm/model";
import { redactAll } from "@/lib/vm/redact";
import { detectFormat, parseFile } from "./index";
import { PARSERS } from "./registry";
import type { FormatParser } from "./types";
import type { ParseResult } from "@/lib/vm/parsed";
import { writeTar } from "./util/tar";
import { inputArbitrary, readFixture, thrown } from "./util/testing";
import { MAX_UPLOAD_FILE_BYTES } from "@/lib/formats/types";

const here = __dirname;
const fx = (format: string, name: string) => readFixture(path.join(here, format, "__fixtures__"), name);
const enc = (s: string) => new TextEncoder().encode(s);
// Copies of ../shared/samples (the CLI contract's samples): tests read only files inside the repository.
const SAMPLES = path.join(here, "__fixtures__", "shared-samples");

describe("detectFormat", () => {
  it("detects by content, whatever the extension", () => {
    expect(detectFormat({ fileName: "a.txt", data: fx("vmx", "esxi8-win2022.vmx") }).format).toBe("vmx");
    expect(detectFormat({ fileName: "a.bin", data: fx("libvirt", "xen-pv-debian.xml") }).format).toBe("libvirt");
    expect(detectFormat({ fileName: "a.xml", data: fx("ovf", "ovf2-windows.ovf") }).format).toBe("ovf");
    expect(detectFormat({ fileName: "a.xml", data: fx("vbox", "win11-efi.vbox") }).format).toBe("vbox");
    expect(detectFormat({ fileName: "a", data: writeTar([{ name: "x.ovf", data: fx("ovf", "collection.ovf") }]) }).format).toBe("ovf");
  });

  it("uses the extension only to settle a tie", () => {
    const a: FormatParser = { format: "vmx", label: "A", extensions: [".a"], sniff: () => 0.6, parse: () => ({ vms: [], warnings: [] }) };
    const b: FormatParser = { ...a, format: "ovf", label: "B", extensions: [".b"], sniff: () => 0.62 };
    expect(detectFormat({ fileName: "f.a", data: new Uint8Array() }, [a, b]).label).toBe("A");
    expect(detectFormat({ fileName: "f.b", data: new Uint8Array() }, [a, b]).label).toBe("B");
    const c: FormatParser = { ...a, label: "C", sniff: () => 0.9 };
    expect(detectFormat({ fileName: "f.a", data: new Uint8Array() }, [c, b]).label).toBe("C");
    expect(detectFormat({ fileName: "f.b", data: new Uint8Array() }, [c, b]).label).toBe("C");
  });

  it("refuses unknown content, listing what it tried", () => {
    const e = thrown(() => detectFormat({ fileName: "junk.vmx", data: new Uint8Array(3000).map((_, i) => (i * 7919) % 256) })) as AppError;
    expect(e.code).toBe("unsupported_format");
    expect(e.describe()).toMatch(/^junk\.vmx: not a recognised VM configuration \(tried: VMware \.vmx, /);
  });

  it("survives a sniffer that throws", () => {
    const bad: FormatParser = { format: "vmx", label: "Bad", extensions: [], sniff: () => { throw new Error("boom"); }, parse: () => ({ vms: [], warnings: [] }) };
    expect(detectFormat({ fileName: "x.vmx", data: fx("vmx", "ws65-winxp.vmx") }, [bad, ...PARSERS]).format).toBe("vmx");
  });
});

describe("parseFile", () => {
  it("enforces the one upload limit for every format", () => {
    const over = new Uint8Array(MAX_UPLOAD_FILE_BYTES + 1).fill(0x20);
    expect((thrown(() => parseFile({ fileName: "big.vmx", data: over })) as AppError).code).toBe("too_large");
    expect((thrown(() => parseFile({ fileName: "big.ova", data: over })) as AppError).code).toBe("too_large");
    // A text file over the former 2 MiB cap (a 10,000-VM vInfo CSV is) is read; this one then fails for its content.
    const text = new Uint8Array(3 * 1024 * 1024).fill(0x20);
    expect((thrown(() => parseFile({ fileName: "big.vmx", data: text })) as AppError).code).not.toBe("too_large");
  });

  it("wraps a parser's unexpected exception into a parse_error naming the file", () => {
    const e = thrown(() => parseFile({ fileName: "deep.ovf", data: enc("<Envelope>" + "<a>".repeat(5000) + "</a>".repeat(5000) + "</Envelope>") }));
    expect(isAppError(e)).toBe(true);
    expect((e as AppError).file).toBe("deep.ovf");
  });

  it("validates every VM and names the failing field", () => {
    // The vmx parser accepts any whole number of MiB; only the schema's 64 TiB limit catches this one.
    const e = thrown(() => parseFile({ fileName: "v.vmx", data: enc('memsize = "99999999999"\n') })) as AppError;
    expect([e.code, e.field]).toEqual(["parse_error", "memoryMiB"]);
  });

  it("is either a valid ParseResult or an AppError for arbitrary and damaged input", () => {
    const seeds = [fx("vmx", "esxi8-win2022.vmx"), fx("ovf", "vsphere-ubuntu.ovf"), fx("libvirt", "win2k19-q35-ovmf.xml"), fx("vbox", "ubuntu-bios.vbox")];
    fc.assert(
      fc.property(inputArbitrary(seeds, "fuzz.cfg"), (input) => {
        let result: ParseResult | undefined;
        const e = thrown(() => (result = parseFile(input)));
        if (e !== undefined) {
          // parseFile's promise: only AppErrors, each naming the file it is about.
          expect(isAppError(e), String(e)).toBe(true);
          expect((e as AppError).file).toBe("fuzz.cfg");
          expect((e as AppError).describe()).toMatch(/^fuzz\.cfg/);
          return;
        }
        for (const p of result!.vms) expect(normalizedVmSchema.safeParse(p.vm).success).toBe(true);
        expect(() => redactAll(result!)).not.toThrow();
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe("shared samples", () => {
  const expected = JSON.parse(readFileSync(path.join(SAMPLES, "expected.json"), "utf8")) as Record<string, { vcpus: number; memoryMiB: number; disks: number; nics: number; identifying: string[] }>;
  const names = Object.keys(expected).filter((n) => !n.startsWith("_"));
  it("has the three contract samples", () => expect(names.sort()).toEqual(["104.conf", "ledger-db.xml", "web-frontend.vmx"]));

  it.each(names)("%s parses to the expected values and redacts its identifying strings", (name) => {
    const want = expected[name];
    const data = new Uint8Array(readFileSync(path.join(SAMPLES, name)));
    expect(detectFormat({ fileName: name, data }).format).toBe(({ "104.conf": "proxmox", "ledger-db.xml": "libvirt", "web-frontend.vmx": "vmx" } as Record<string, string>)[name]);
    const result = parseFile({ fileName: name, data });
    expect(result.vms).toHaveLength(1);
    const { vm } = result.vms[0];
    expect([vm.cpu.vcpus, vm.memoryMiB, vm.disks.length, vm.nics.length]).toEqual([want.vcpus, want.memoryMiB, want.disks, want.nics]);
    const published = JSON.stringify(redactAll(result, name)).toLowerCase();
    for (const s of want.identifying) expect(published).not.toContain(s.toLowerCase());
  });
});

describe("canonical spellings across formats", () => {
  it("writes hardware versions without zero padding", async () => {
    const { canonicalHardwareVersion } = await import("./index");
    expect(canonicalHardwareVersion("vmx-08")).toBe("vmx-8");
    expect(canonicalHardwareVersion("vmx-19")).toBe("vmx-19");
    expect(canonicalHardwareVersion("VMX-07")).toBe("vmx-7");
    expect(canonicalHardwareVersion("pc-q35-8.2")).toBe("pc-q35-8.2");
    expect(canonicalHardwareVersion(null)).toBeNull();
  });
});
