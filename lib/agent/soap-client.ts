import http from "node:http";
import https from "node:https";
import { VsphereError } from "./errors";
import { child, escapeXml, isObject, parseXml, path, text, textAt, xsiType, type XmlNode } from "./xml";

/** Largest SOAP response we accept (one page of VMs is far below this). */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface TlsOptions {
  /** Skip certificate verification entirely. */
  insecure?: boolean;
  /** PEM CA certificate(s) to trust in addition to the system store. */
  ca?: string | Buffer;
}

export interface SoapClientOptions {
  tls?: TlsOptions;
  /** Milliseconds without progress before a request is abandoned. */
  timeoutMs?: number;
}

/** Where the SOAP endpoint is: "vc.example.com" -> https://vc.example.com/sdk; an explicit scheme or port is kept. */
export function sdkUrl(server: string): URL {
  const s = server.trim();
  if (!s) throw new VsphereError("unreachable", "no server given: pass --server HOST");
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw new VsphereError("unreachable", `"${server}" is not a host name or URL`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") {
    throw new VsphereError("unreachable", `"${server}": only https:// (or http:// for a simulator) is supported`);
  }
  if (u.pathname === "/" || u.pathname === "") u.pathname = "/sdk";
  u.username = "";
  u.password = "";
  u.hash = "";
  return u;
}

const CERT_ERRORS = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "CERT_UNTRUSTED", "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID", "CERT_SIGNATURE_FAILURE", "ERR_TLS_CERT_ALTNAME_INVALID", "CERT_REJECTED",
  "INVALID_CA", "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
]);

const CERT_REASON: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "it is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "it was issued by a CA this machine does not trust",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "it was issued by a CA this machine does not trust",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "it was issued by a CA this machine does not trust",
  CERT_HAS_EXPIRED: "it has expired",
  CERT_NOT_YET_VALID: "it is not valid yet",
  ERR_TLS_CERT_ALTNAME_INVALID: "it was issued for another host name",
};

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** Turn a socket-level failure into one sentence an admin can act on. */
export function describeNetworkError(e: NodeJS.ErrnoException, url: URL, timeoutMs: number): VsphereError {
  const where = url.host;
  const code = e.code ?? "";
  if (CERT_ERRORS.has(code)) {
    const reason = CERT_REASON[code] ?? `${code.toLowerCase().replace(/_/g, " ")}`;
    return new VsphereError(
      "tls",
      `the TLS certificate of ${where} is not trusted (${reason}): pass --ca FILE with the CA certificate that signed it ` +
        `(vCenter serves its root CAs at https://${url.hostname}/certs/download.zip) or --insecure to skip the check`,
      { code },
    );
  }
  switch (code) {
    case "ECONNREFUSED":
      return new VsphereError("unreachable", `cannot connect to ${where}: connection refused (is the host name and port right, and is the server running?)`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new VsphereError("unreachable", `cannot resolve the host name ${url.hostname}`);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EHOSTDOWN":
      return new VsphereError("unreachable", `cannot reach ${where}: no route to host`);
    case "ETIMEDOUT":
    case "ESOCKETTIMEDOUT":
      return new VsphereError("timeout", `no answer from ${where} within ${duration(timeoutMs)} (timed out); check the address, or allow longer with --timeout SECONDS`);
    case "EPROTO":
    case "ERR_SSL_WRONG_VERSION_NUMBER":
      return new VsphereError("not-vsphere", `${where} did not complete a TLS handshake; if it serves plain HTTP, pass --server http://${where}`);
    case "ECONNRESET":
    case "EPIPE":
      return new VsphereError("unreachable", `${where} closed the connection unexpectedly`);
    default:
      if (/wrong version number|packet length too long|ssl/i.test(e.message)) {
        return new VsphereError("not-vsphere", `${where} did not complete a TLS handshake; if it serves plain HTTP, pass --server http://${where}`);
      }
      return new VsphereError("unreachable", `cannot talk to ${where}: ${e.message}`);
  }
}

interface RawResponse {
  status: number;
  contentType: string;
  body: string;
  cookies: string[];
}

/**
 * A minimal SOAP 1.1 client for the vSphere Web Services API: one keep-alive
 * connection, the session cookie carried across calls, every failure turned
 * into a VsphereError with one clear message.
 */
export class SoapClient {
  readonly url: URL;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;
  private readonly cookies = new Map<string, string>();
  /** vim25 API version announced in SOAPAction; raised to the server's own after RetrieveServiceContent. */
  apiVersion = "6.0";

  constructor(server: string, options: SoapClientOptions = {}) {
    this.url = sdkUrl(server);
    this.timeoutMs = options.timeoutMs ?? 60_000;
    const tls = options.tls ?? {};
    this.agent =
      this.url.protocol === "https:"
        ? new https.Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: !tls.insecure, ca: tls.ca })
        : new http.Agent({ keepAlive: true, maxSockets: 1 });
  }

  close(): void {
    this.agent.destroy();
  }

  /**
   * Call `method` on the managed object `_this` with the given (already
   * escaped) inner XML; returns the response element (e.g. <LoginResponse>).
   */
  async call(method: string, thisRef: { type: string; value: string }, inner = ""): Promise<XmlNode> {
    const envelope =
      `<?xml version="1.0" encoding="UTF-8"?>` +
      `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ` +
      `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<soapenv:Body><${method} xmlns="urn:vim25">` +
      `<_this type="${escapeXml(thisRef.type)}">${escapeXml(thisRef.value)}</_this>${inner}` +
      `</${method}></soapenv:Body></soapenv:Envelope>`;
    const res = await this.post(envelope);
    return this.readResponse(method, res);
  }

  private readResponse(method: string, res: RawResponse): XmlNode {
    const where = this.url.host;
    const looksXml = /xml/i.test(res.contentType) || /^\s*<\?xml|^\s*<[A-Za-z_][\w.-]*:Envelope/.test(res.body);
    if (!looksXml) {
      const kind = res.contentType.split(";")[0] || "no content type";
      throw new VsphereError(
        "not-vsphere",
        `${where} does not look like a vSphere server: ${this.url.pathname} answered HTTP ${res.status} with ${kind}, not SOAP (is this a vCenter Server or ESXi address?)`,
      );
    }
    const doc = parseXml(res.body, where);
    const body = path(doc, "Envelope.Body");
    if (body === undefined) {
      throw new VsphereError("not-vsphere", `${where} does not look like a vSphere server: ${this.url.pathname} answered XML that is not a SOAP envelope`);
    }
    const fault = child(body, "Fault");
    if (fault !== undefined) throw this.faultError(method, fault);
    if (res.status >= 400) {
      throw new VsphereError("not-vsphere", `${where} answered ${method} with HTTP ${res.status} and no SOAP fault`);
    }
    const out = child(body, `${method}Response`);
    if (out === undefined) {
      throw new VsphereError("not-vsphere", `${where} answered ${method} without a ${method}Response; it does not speak the vSphere API`);
    }
    return out;
  }

  private faultError(method: string, fault: XmlNode): VsphereError {
    const message = textAt(fault, "faultstring") ?? "unknown fault";
    const detail = child(fault, "detail");
    let faultType: string | null = null;
    if (isObject(detail)) {
      for (const k of Object.keys(detail)) {
        if (k.startsWith("@_") || k === "#text") continue;
        const d = child(detail, k.includes(":") ? k.slice(k.indexOf(":") + 1) : k);
        faultType = xsiType(d) ?? k.replace(/^.*:/, "").replace(/Fault$/, "");
        break;
      }
    }
    const where = this.url.host;
    switch (faultType) {
      case "InvalidLogin":
        return new VsphereError("auth", `login to ${where} failed: incorrect user name or password`, { faultType, message });
      case "NotAuthenticated":
        return new VsphereError("auth", `${where} ended the session (not authenticated) during ${method}`, { faultType, message });
      case "NoPermission":
        return new VsphereError("permission", `the account lacks permission for ${method} on ${where}: ${message}`, { faultType, message });
      default:
        return new VsphereError("fault", `${where} refused ${method}: ${message}${faultType ? ` (${faultType})` : ""}`, { faultType, message });
    }
  }

  private post(envelope: string): Promise<RawResponse> {
    const url = this.url;
    const lib = url.protocol === "https:" ? https : http;
    const payload = Buffer.from(envelope, "utf8");
    const headers: Record<string, string | number> = {
      "Content-Type": "text/xml; charset=utf-8",
      "Content-Length": payload.length,
      SOAPAction: `"urn:vim25/${this.apiVersion}"`,
      Accept: "text/xml",
    };
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");

    return new Promise<RawResponse>((resolve, reject) => {
      let settled = false;
      const finish = (err: VsphereError | null, res?: RawResponse) => {
        if (settled) return;
        settled = true;
        if (err) reject(err);
        else resolve(res as RawResponse);
      };
      const req = lib.request(
        { protocol: url.protocol, hostname: url.hostname, port: url.port || undefined, path: url.pathname + url.search, method: "POST", headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (c: Buffer) => {
            size += c.length;
            if (size > MAX_RESPONSE_BYTES) {
              req.destroy();
              finish(new VsphereError("too-large", `${url.host} sent a response over ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB; use a smaller --page-size`));
              return;
            }
            chunks.push(c);
          });
          res.on("end", () => {
            for (const c of res.headers["set-cookie"] ?? []) {
              const pair = c.split(";")[0];
              const eq = pair.indexOf("=");
              if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
            }
            finish(null, {
              status: res.statusCode ?? 0,
              contentType: String(res.headers["content-type"] ?? ""),
              body: Buffer.concat(chunks).toString("utf8"),
              cookies: res.headers["set-cookie"] ?? [],
            });
          });
          res.on("error", (e: NodeJS.ErrnoException) => finish(describeNetworkError(e, url, this.timeoutMs)));
        },
      );
      req.setTimeout(this.timeoutMs, () => {
        req.destroy();
        finish(new VsphereError("timeout", `no answer from ${url.host} within ${duration(this.timeoutMs)} (timed out); check the address, or allow longer with --timeout SECONDS`));
      });
      req.on("error", (e: NodeJS.ErrnoException) => finish(describeNetworkError(e, url, this.timeoutMs)));
      req.end(payload);
    });
  }
}

/** Serialize a managed object reference as a named element. */
export function moRefXml(name: string, ref: { type: string; value: string }): string {
  return `<${name} type="${escapeXml(ref.type)}">${escapeXml(ref.value)}</${name}>`;
}

/** Read a managed object reference element. */
export function readMoRef(node: XmlNode | undefined): { type: string; value: string } | null {
  if (!isObject(node)) return null;
  const type = node["@_type"];
  const value = text(node);
  return typeof type === "string" && value ? { type, value } : null;
}
