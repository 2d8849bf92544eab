import { describe, expect, it } from "vitest";
import { DEFAULT_LINKS_FILE } from "@/lib/agent/publish";
import { parseSnapshotArgs } from "./snapshot";

describe("vmcompare snapshot arguments", () => {
  it("reads every option, in both --name value and --name=value forms, with defaults for the rest", () => {
    expect(parseSnapshotArgs(["--server", "vc01", "--vm", "db1", "--vm=db2", "--insecure"])).toEqual({
      server: "vc01", user: null, vms: ["db1", "db2"], all: false, insecure: true, ca: null, out: null, publish: null,
      yes: false, confirmImplausible: false, tags: [], links: DEFAULT_LINKS_FILE, timeoutSec: 60, pageSize: 100,
    });
    const a = parseSnapshotArgs([
      "--server=vc02", "--user", "admin", "--all", "--ca", "ca.pem", "--out", "o.json", "--publish", "https://site",
      "--tag", "PostgreSQL@16", "--tag", "nginx", "-y", "--confirm-implausible", "--links", "l.txt", "--timeout", "30", "--page-size", "5",
    ]);
    expect(a).toMatchObject({
      server: "vc02", user: "admin", vms: [], all: true, ca: "ca.pem", out: "o.json", publish: "https://site", yes: true,
      confirmImplausible: true, links: "l.txt", timeoutSec: 30, pageSize: 5,
      tags: [{ slug: "postgresql", version: "16", primary: true }, { slug: "nginx", version: null, primary: false }],
    });
  });

  it.each([
    [["--server", "vc", "--all", "--password", "x"], /password is not accepted on the command line/],
    [["--server", "vc", "--all", "--password=x"], /password is not accepted/],
    [["--server", "vc", "--all", "-p"], /password is not accepted/],
    [["--server"], /^--server needs a value$/],
    [["--server", "--all"], /^--server needs a value$/],
    [["--server", "vc", "--all=yes"], /^--all takes no value$/],
    [["--server", "vc", "--all", "--colour"], /^unknown option --colour$/],
    [["--server", "vc", "--all", "stray"], /^unexpected argument stray$/],
    [["--all"], /^--server HOST is required$/],
    [["--server", "vc", "--all", "--vm", "a"], /either --vm NAME \.\.\. or --all/],
    [["--server", "vc"], /say which VMs to read/],
    [["--server", "vc", "--all", "--insecure", "--ca", "c"], /either --insecure or --ca/],
    [["--server", "vc", "--all", "--yes"], /only apply with --publish/],
    [["--server", "vc", "--all", "--publish", "https://s"], /needs at least one --tag/],
    [["--server", "vc", "--all", "--timeout", "0"], /--timeout needs a number of seconds/],
    [["--server", "vc", "--all", "--timeout", "soon"], /--timeout needs a number of seconds/],
    [["--server", "vc", "--all", "--page-size", "2.5"], /--page-size needs a whole number/],
    [["--server", "vc", "--all", "--publish", "https://s", "--tag", "@1"], /^--tag "@1": /],
  ])("refuses %j with a message naming the problem", (args, message) => {
    const a = parseSnapshotArgs(args);
    expect(typeof a).toBe("string");
    expect(a).toMatch(message);
  });
});
