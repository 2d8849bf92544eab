import { describe, expect, it } from "vitest";
import { generateRvtoolsWorkbook } from "@/bench/fixtures-gen/rvtools-workbook";
import { isAppError } from "@/lib/errors/app-error";
import { parseUpload } from "./upload";

const VMX = `config.version = "8"
virtualHW.version = "19"
displayName = "secret-db-01"
guestOS = "windows2019srv-64"
numvcpus = "4"
memsize = "8192"
`;

describe("parseUpload", () => {
  it("parses a workbook and snapshot files together", async () => {
    const wb = await generateRvtoolsWorkbook({ vms: 5, seed: 3 });
    const r = parseUpload([
      { fileName: "export.xlsx", data: wb },
      { fileName: "secret-db-01.vmx", data: new TextEncoder().encode(VMX) },
    ]);
    expect(r.files).toBe(2);
    expect(r.parsed).toHaveLength(6);
    expect(r.parsed[5].vm.cpu.vcpus).toBe(4);
  });

  it("fails the whole import on one bad file, without naming it", () => {
    try {
      parseUpload([{ fileName: "secret-db-01.vmx", data: new TextEncoder().encode("not a config at all") }]);
      throw new Error("expected a failure");
    } catch (e) {
      expect(isAppError(e)).toBe(true);
      const msg = (e as Error).message + ((e as { file?: string }).file ?? "");
      expect(msg).toContain("file 1 of the upload");
      expect(msg).not.toContain("secret-db-01");
    }
  });

  it("refuses an empty upload", () => {
    expect(() => parseUpload([])).toThrow(/No file/);
  });
});
