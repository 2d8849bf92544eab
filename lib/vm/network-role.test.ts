import { describe, expect, it } from "vitest";
import { classifyNetworkName } from "./network-role";

describe("classifyNetworkName", () => {
  it.each([
    ["Management Network", "management"],
    ["MGMT_VLAN10", "management"],
    ["vmk0", "management"],
    ["iDRAC-OOB", "management"],
    ["Service Console", "service-console"],
    ["vMotion-VLAN20", "vmotion"],
    ["v-motion", "vmotion"],
    ["iSCSI-A", "storage"],
    ["NFS", "storage"],
    ["Storage-iSCSI-A", "storage"],
    ["pg-vsan-01", "storage"],
  ])("%s -> %s", (name, role) => {
    expect(classifyNetworkName(name)).toBe(role);
  });

  it.each(["VM Network", "DMZ-Web-Segment", "default", "br-finance", "PG-SQL-VLAN120", "sandbox", "nat"])("%s -> null", (name) => {
    expect(classifyNetworkName(name)).toBeNull();
  });
});
