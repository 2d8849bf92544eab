import { describe, expect, it } from "vitest";
import { blankVm } from "@/lib/vm/model";
import { GUEST_OS_CATALOGUE, lookupGuestOs } from "./guest-os";
import { GUEST_RELEASES, identifyGuest } from "./guest-releases";

const release = (key: string) => GUEST_RELEASES.find((r) => r.key === key)!;

describe("guest releases", () => {
  it("has unique keys and ISO dates with a phase and a source", () => {
    expect(new Set(GUEST_RELEASES.map((r) => r.key)).size).toBe(GUEST_RELEASES.length);
    for (const r of GUEST_RELEASES.filter((g) => g.endOfSupport)) {
      expect(r.endOfSupport).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.endOfSupportPhase).toBeTruthy();
      expect(r.endOfSupportSource?.url).toMatch(/^https:\/\//);
    }
  });

  it("dates Debian by the end of Debian LTS, as the Debian project publishes it", () => {
    expect(release("debian-8").endOfSupport).toBe("2020-06-30");
    expect(release("debian-10").endOfSupport).toBe("2024-06-30");
    expect(release("debian-11").endOfSupport).toBe("2026-08-31");
    expect(release("debian-11").endOfSupportPhase).toContain("Debian LTS");
    expect(release("debian-5").endOfSupportPhase).toBe("end of security support");
  });

  it("is where every identifier's end of support comes from: an id and its release never disagree", () => {
    let compared = 0;
    for (const info of GUEST_OS_CATALOGUE.filter((g) => g.vmxId)) {
      const identity = identifyGuest({ ...blankVm("vmx"), guestOs: { id: info.vmxId, family: info.family, name: null } });
      if (identity?.candidates.length !== 1) continue;
      compared++;
      expect([info.id, info.endOfSupport]).toEqual([info.id, identity.candidates[0].endOfSupport]);
    }
    expect(compared).toBeGreaterThan(40);
    expect(lookupGuestOs("debian10-64")?.endOfSupport).toBe(release("debian-10").endOfSupport);
  });
});
