import { describe, expect, it } from "vitest";
import { choosePeerRule, MIN_PEERS, PEER_RULES } from "@/lib/compare/peers";

const exchange = { appName: "Microsoft Exchange Server", appVersion: "2016", guestFamily: "windows" };

describe("choosePeerRule", () => {
  it("keeps the same application and version at exactly the minimum", () => {
    const counts = { sameAppSameVersion: 20, sameAppAnyVersion: 50, sameGuestFamily: 900, all: 2000 };
    expect(choosePeerRule(counts, true, MIN_PEERS, exchange)).toEqual({
      rule: "app-version",
      n: 20,
      description: "Published VMs tagged Microsoft Exchange Server 2016 (n = 20)",
    });
  });

  it("widens to any version at 19", () => {
    const counts = { sameAppSameVersion: 19, sameAppAnyVersion: 412, sameGuestFamily: 900, all: 2000 };
    expect(choosePeerRule(counts, true, MIN_PEERS, exchange)).toEqual({
      rule: "app",
      n: 412,
      description: "Published VMs tagged Microsoft Exchange Server, any version (n = 412)",
    });
  });

  it("skips the version rule when the VM has no version", () => {
    const counts = { sameAppSameVersion: 400, sameAppAnyVersion: 412, sameGuestFamily: 900, all: 2000 };
    expect(choosePeerRule(counts, false).rule).toBe("app");
  });

  it("widens to the guest family, then to everything", () => {
    const few = { sameAppSameVersion: 3, sameAppAnyVersion: 19, sameGuestFamily: 1204, all: 2000 };
    expect(choosePeerRule(few, true, 20, exchange)).toEqual({
      rule: "guest-family",
      n: 1204,
      description: "Published Windows VMs (n = 1,204)",
    });
    const fewer = { ...few, sameGuestFamily: 19 };
    expect(choosePeerRule(fewer, true, 20, exchange)).toEqual({ rule: "all", n: 2000, description: "All published VMs (n = 2,000)" });
  });

  it("returns 'all' with its small n when nothing reaches the minimum", () => {
    const tiny = { sameAppSameVersion: 0, sameAppAnyVersion: 0, sameGuestFamily: 0, all: 7 };
    expect(choosePeerRule(tiny, false)).toEqual({ rule: "all", n: 7, description: "All published VMs (n = 7)" });
  });

  it("honours a custom minimum and describes groups without names", () => {
    const counts = { sameAppSameVersion: 5, sameAppAnyVersion: 9, sameGuestFamily: 30, all: 40 };
    expect(choosePeerRule(counts, true, 5)).toEqual({
      rule: "app-version",
      n: 5,
      description: "Published VMs with the same application and version (n = 5)",
    });
    expect(choosePeerRule(counts, true, 10).description).toBe("Published VMs with the same guest OS family (n = 30)");
  });

  it("lists rules from narrowest to widest", () => {
    expect(PEER_RULES.map((r) => r.rule)).toEqual(["app-version", "app", "guest-family", "all"]);
  });
});
