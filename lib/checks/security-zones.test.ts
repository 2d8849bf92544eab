import { describe, expect, it } from "vitest";
import type { Nic } from "@/lib/vm/model";
import { isGatewayTagged, securityZonesCheck, slugMatches } from "./security-zones";
import { makeInput, tag } from "./test-input";

const nics = (...networks: (string | null)[]): Nic[] => networks.map((network) => ({ model: "vmxnet3", network }));

describe("securityZonesCheck", () => {
  it("says nothing for one network, or several NICs on the same network", () => {
    expect(securityZonesCheck.run(makeInput({ nics: nics("net-1") }))).toEqual([]);
    expect(securityZonesCheck.run(makeInput({ nics: nics("net-1", "net-1") }))).toEqual([]);
    expect(securityZonesCheck.run(makeInput({ nics: nics("net-1", null) }))).toEqual([]);
  });

  it("warns about a multi-homed VM", () => {
    const [f] = securityZonesCheck.run(makeInput({ nics: nics("net-1", "net-2", "net-2") }));
    expect(f.severity).toBe("warning");
    expect(f.title).toContain("2 different networks");
    expect(f.explanation).toContain("3 NICs");
  });

  it("does not warn for firewalls, gateways and routers, by flag or by tag", () => {
    expect(securityZonesCheck.run(makeInput({ nics: nics("net-1", "net-2") }, {}, { isGatewayWorkload: true }))).toEqual([]);
    expect(securityZonesCheck.run(makeInput({ nics: nics("net-1", "net-2") }, {}, { tags: [tag("pfsense")] }))).toEqual([]);
    // An explicit false wins over the tags.
    expect(securityZonesCheck.run(makeInput({ nics: nics("net-1", "net-2") }, {}, { tags: [tag("pfsense")], isGatewayWorkload: false }))).toHaveLength(1);
  });

  it("reports a NIC on a hypervisor network as a problem, even for a gateway", () => {
    const found = securityZonesCheck.run(makeInput({ nics: nics("net-1") }, { networkRoles: ["vmotion", "management"] }, { isGatewayWorkload: true }));
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe("problem");
    expect(found[0].title).toContain("vMotion, management");
  });
});

describe("tag matching", () => {
  it("matches whole hyphen-separated parts only", () => {
    expect(slugMatches("load-balancer", ["load-balancer"])).toBe(true);
    expect(slugMatches("citrix-netscaler-adc", ["netscaler"])).toBe(true);
    expect(slugMatches("overview", ["view"])).toBe(false);
    expect(isGatewayTagged([tag("postgresql")])).toBe(false);
    expect(isGatewayTagged([tag("opnsense")])).toBe(true);
  });
});
