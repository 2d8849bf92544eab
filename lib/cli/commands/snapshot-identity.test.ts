import { describe, expect, it } from "vitest";
import { agentIdentityKey } from "./snapshot";

describe("the agent's identity key", () => {
  it("is a stable one-way key of the VM's UUIDs, whatever their order or case", () => {
    const a = agentIdentityKey(["4212A5F0-1111-2222-3333-444455556666", "5012b5f0-aaaa-bbbb-cccc-ddddeeeeffff"]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(agentIdentityKey(["5012b5f0-aaaa-bbbb-cccc-ddddeeeeffff", "4212a5f0-1111-2222-3333-444455556666"])).toBe(a);
    expect(a).not.toContain("4212a5f0");
    expect(agentIdentityKey(["4212a5f0-1111-2222-3333-444455556667"])).not.toBe(a);
    expect(agentIdentityKey([])).toBeNull();
  });
});
