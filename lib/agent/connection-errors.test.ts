import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VsphereError } from "./errors";
import { snapshotVms, type SnapshotOptions } from "./snapshot";
import { sdkUrl } from "./soap-client";
import { envelope } from "./test-fixtures/soap";

async function failure(options: Partial<SnapshotOptions> & { server: string }): Promise<VsphereError> {
  try {
    for await (const _ of snapshotVms({ user: "admin", password: "pw", ...options })) void _;
  } catch (e) {
    if (e instanceof VsphereError) return e;
    throw e;
  }
  throw new Error("expected a VsphereError");
}

const sockets = new WeakMap<net.Server, Set<net.Socket>>();

function listen(server: net.Server): Promise<number> {
  const open = new Set<net.Socket>();
  sockets.set(server, open);
  server.on("connection", (s: net.Socket) => {
    open.add(s);
    s.on("close", () => open.delete(s));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

function close(server: net.Server): Promise<void> {
  for (const s of sockets.get(server) ?? []) s.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

const HTML = "<!doctype html><html><head><title>Welcome to nginx!</title></head><body>hi</body></html>";

describe("sdkUrl", () => {
  it("defaults to https and /sdk, keeps an explicit scheme, port and path", () => {
    expect(sdkUrl("vc01.corp.example").toString()).toBe("https://vc01.corp.example/sdk");
    expect(sdkUrl("vc01:8443").toString()).toBe("https://vc01:8443/sdk");
    expect(sdkUrl("http://127.0.0.1:8989").toString()).toBe("http://127.0.0.1:8989/sdk");
    expect(sdkUrl("https://u:p@vc01/sdk").toString()).toBe("https://vc01/sdk");
    expect(() => sdkUrl("ftp://vc01")).toThrow(/only https/);
  });
});

describe("connection failures give one clear message each", () => {
  let dir: string;
  let certFile: string;
  let keyFile: string;
  let html: http.Server;
  let htmlPort: number;
  let tls: https.Server;
  let tlsPort: number;
  let silent: net.Server;
  let silentPort: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "vmcompare-tls-"));
    certFile = path.join(dir, "cert.pem");
    keyFile = path.join(dir, "key.pem");
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", keyFile, "-out", certFile,
    ], { stdio: "ignore" });
    html = http.createServer((_req, res) => {
      res.setHeader("Content-Type", "text/html");
      res.end(HTML);
    });
    htmlPort = await listen(html);
    tls = https.createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (_req, res) => {
      res.setHeader("Content-Type", "text/html");
      res.end(HTML);
    });
    tlsPort = await listen(tls);
    // Accepts connections and never answers.
    silent = net.createServer(() => undefined);
    silentPort = await listen(silent);
  });

  afterAll(async () => {
    await Promise.all([close(html), close(tls), close(silent)]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("unreachable host: a closed port on 127.0.0.1", async () => {
    const probe = net.createServer();
    const port = await listen(probe);
    await close(probe);
    const e = await failure({ server: `127.0.0.1:${port}` });
    expect(e.kind).toBe("unreachable");
    expect(e.message).toBe(`cannot connect to 127.0.0.1:${port}: connection refused (is the host name and port right, and is the server running?)`);
  });

  it("a plain web server is not vSphere", async () => {
    const e = await failure({ server: `http://127.0.0.1:${htmlPort}` });
    expect(e.kind).toBe("not-vsphere");
    expect(e.message).toMatch(/does not look like a vSphere server: \/sdk answered HTTP 200 with text\/html/);
  });

  it("a self-signed certificate is not trusted, and the message says how to pass --ca or --insecure", async () => {
    const e = await failure({ server: `127.0.0.1:${tlsPort}` });
    expect(e.kind).toBe("tls");
    expect(e.message).toContain("is not trusted (it is self-signed)");
    expect(e.message).toContain("--ca FILE");
    expect(e.message).toContain("--insecure");
  });

  it("the same server passes TLS with --ca (its certificate) or --insecure, and is then found not to be vSphere", async () => {
    const withCa = await failure({ server: `127.0.0.1:${tlsPort}`, tls: { ca: readFileSync(certFile) } });
    expect(withCa.kind).toBe("not-vsphere");
    const insecure = await failure({ server: `127.0.0.1:${tlsPort}`, tls: { insecure: true } });
    expect(insecure.kind).toBe("not-vsphere");
  });

  it("https against a plain-http port says to use http://", async () => {
    const e = await failure({ server: `127.0.0.1:${htmlPort}` });
    expect(e.kind).toBe("not-vsphere");
    expect(e.message).toContain(`pass --server http://127.0.0.1:${htmlPort}`);
  });

  it("a server that never answers times out", async () => {
    const started = Date.now();
    const e = await failure({ server: `http://127.0.0.1:${silentPort}`, timeoutMs: 400 });
    expect(e.kind).toBe("timeout");
    expect(e.message).toMatch(/^no answer from 127\.0\.0\.1:\d+ within 400 ms \(timed out\)/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("an unexpected SOAP fault is reported with the server's words", async () => {
    const s = http.createServer((_req, res) => {
      res.statusCode = 500;
      res.setHeader("Content-Type", "text/xml");
      res.end(envelope('<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>The service is shutting down.</faultstring><detail><RequestCanceledFault xmlns="urn:vim25" xsi:type="RequestCanceled"></RequestCanceledFault></detail></soapenv:Fault>'));
    });
    const port = await listen(s);
    try {
      const e = await failure({ server: `http://127.0.0.1:${port}` });
      expect(e.kind).toBe("fault");
      expect(e.message).toBe(`127.0.0.1:${port} refused RetrieveServiceContent: The service is shutting down. (RequestCanceled)`);
    } finally {
      await close(s);
    }
  });
});
