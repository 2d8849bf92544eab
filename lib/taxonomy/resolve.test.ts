import { describe, expect, it } from "vitest";
import {
  APPLICATIONS, APPLICATION_CATEGORIES, getApplication, resolveApplication, searchApplications,
} from "@/lib/taxonomy/resolve";
import { tokenize } from "@/lib/taxonomy/text-match";

describe("application catalogue", () => {
  it("has at least 45 workloads with unique slugs and one-sentence descriptions", () => {
    expect(APPLICATIONS.length).toBeGreaterThanOrEqual(45);
    expect(new Set(APPLICATIONS.map((a) => a.slug)).size).toBe(APPLICATIONS.length);
    for (const a of APPLICATIONS) {
      expect(a.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(a.description).toMatch(/^[A-Z].*\.$/);
      expect(APPLICATION_CATEGORIES[a.category]).toBeTruthy();
    }
  });

  it("never gives the same alias to two applications", () => {
    const owner = new Map<string, string>();
    for (const a of APPLICATIONS) {
      for (const term of [a.name, ...a.aliases]) {
        const key = tokenize(term).join(" ");
        const prev = owner.get(key);
        if (prev !== undefined && prev !== a.slug) throw new Error(`"${term}" used by ${prev} and ${a.slug}`);
        owner.set(key, a.slug);
      }
    }
  });

  it("marks firewalls and load balancers as gateways but not web servers", () => {
    expect(getApplication("palo-alto-vm-series")?.isGateway).toBe(true);
    expect(getApplication("f5-big-ip")?.isGateway).toBe(true);
    expect(getApplication("pfsense")?.isGateway).toBe(true);
    expect(getApplication("nginx")?.isGateway).toBeUndefined();
    expect(getApplication("no-such-app")).toBeNull();
  });
});

describe("resolveApplication", () => {
  it.each([
    ["Apache 2.2 web engine", "apache-httpd", "2.2"],
    ["AD DC", "active-directory", null],
    ["domain controller", "active-directory", null],
    ["Domain-Controller (primary)", "active-directory", null],
    ["Exchange mail server", "microsoft-exchange", null],
    ["Exchange 2010", "microsoft-exchange", "2010"],
    ["SQL Server 2019", "mssql", "2019"],
    ["sql server 2008 r2 cluster node", "mssql", "2008 R2"],
    ["IIS 10", "microsoft-iis", "10.0"],
    ["Oracle 19c", "oracle-database", "19c"],
    ["Oracle WebLogic 12c", "oracle-weblogic", "12c"],
    ["Citrix VDI desktop", "citrix-vdi-desktop", null],
    ["Citrix XenApp 6.5 farm", "citrix-virtual-apps", "6.5"],
    ["Horizon Connection Server", "horizon-connection-server", null],
    ["tomcat 9", "apache-tomcat", "9"],
    ["k8s worker", "kubernetes-node", null],
    ["S/4HANA 2023 app server", "sap-app-server", "2023"],
    ["BIND DNS", "isc-bind", null],
    ["PostgreSQL 15 primary", "postgresql", "15"],
    ["Veeam proxy", "veeam-proxy", null],
    ["Veeam B&R 12", "veeam-backup", "12"],
    ["two domain controllers", "active-directory", null],
    ["Exchange 2010 SP3", "microsoft-exchange", "2010"],
    ["Microsoft SQL Server 2019 Enterprise", "mssql", "2019"],
    ["Kubernetes worker nodes", "kubernetes-node", null],
    ["Redis 7 cache", "redis", "7"],
  ])("%s -> %s %s", (text, slug, version) => {
    expect(resolveApplication(text)).toEqual({ slug, version });
  });

  it("does not read a bit width as a version", () => {
    expect(resolveApplication("Tomcat 64 bit")).toEqual({ slug: "apache-tomcat", version: null });
  });

  it("returns null for text naming no known workload", () => {
    expect(resolveApplication("my special box")).toBeNull();
    expect(resolveApplication("")).toBeNull();
    // "ad" must be a whole word: "adobe" is not Active Directory.
    expect(resolveApplication("adobe reader")).toBeNull();
  });
});

describe("searchApplications", () => {
  it("ranks prefix over word prefix over substring", () => {
    const slugs = searchApplications("post", 10).map((s) => s.application.slug);
    // "PostgreSQL" and "Postfix" start with "post"; "EDB Postgres" only has a word starting with it.
    expect(slugs.slice(0, 2).sort()).toEqual(["postfix", "postgresql"]);
    const red = searchApplications("red", 20).map((s) => s.application.slug);
    // Both names start with "red"; the shorter name comes first.
    expect(red[0]).toBe("redis");
    expect(red).toContain("openshift-node");
    // A name match beats the alias "Red Hat JBoss".
    expect(red.indexOf("openshift-node")).toBeLessThan(red.indexOf("wildfly"));
  });

  it("puts an exact alias first and reports what matched", () => {
    const [first] = searchApplications("exchange");
    expect(first.application.slug).toBe("microsoft-exchange");
    expect(first.matched).toBe("Exchange");
    const [dc] = searchApplications("dc");
    expect(dc.application.slug).toBe("active-directory");
  });

  it("finds substrings inside words last", () => {
    const res = searchApplications("sql", 20).map((s) => s.application.slug);
    // "SQL Server" (alias prefix) ranks before PostgreSQL/MySQL where "sql" is inside a word.
    expect(res.indexOf("mssql")).toBeLessThan(res.indexOf("postgresql"));
    expect(res.indexOf("mssql")).toBeLessThan(res.indexOf("mysql"));
  });

  it("respects the limit and ignores empty queries", () => {
    expect(searchApplications("e", 3)).toHaveLength(3);
    expect(searchApplications("   ")).toEqual([]);
  });
});
