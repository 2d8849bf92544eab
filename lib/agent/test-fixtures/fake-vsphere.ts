import http from "node:http";
import type { AddressInfo } from "node:net";
import { isObject, parseXml, path, textAt, type XmlObject } from "../xml";
import { envelope, retrieveResponse, vmObject, type FixtureVm } from "./soap";

export interface FakeCall {
  method: string;
  body: XmlObject;
  cookie: string | undefined;
}

export interface FakeVsphere {
  url: string;
  calls: FakeCall[];
  close(): Promise<void>;
}

const SERVICE_CONTENT = envelope(
  '<RetrieveServiceContentResponse xmlns="urn:vim25"><returnval>' +
    '<rootFolder type="Folder">group-d1</rootFolder><propertyCollector type="PropertyCollector">propertyCollector</propertyCollector>' +
    '<viewManager type="ViewManager">ViewManager</viewManager><about><name>VMware vCenter Server</name>' +
    "<fullName>VMware vCenter Server 8.0.2 build-22385739</fullName><vendor>VMware, Inc.</vendor><version>8.0.2</version>" +
    "<build>22385739</build><apiType>VirtualCenter</apiType><apiVersion>8.0.2.0</apiVersion></about>" +
    '<sessionManager type="SessionManager">SessionManager</sessionManager></returnval></RetrieveServiceContentResponse>',
);

function empty(method: string): string {
  return envelope(`<${method}Response xmlns="urn:vim25"></${method}Response>`);
}

/**
 * A scripted vCenter that pages: RetrievePropertiesEx over the VM view returns
 * `pages[0]` with a token, each ContinueRetrievePropertiesEx the next page.
 * Enough of the API for snapshotVms, with every call recorded.
 */
export async function startFakeVsphere(pages: FixtureVm[][]): Promise<FakeVsphere> {
  const calls: FakeCall[] = [];
  const all = pages.flat();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const doc = parseXml(Buffer.concat(chunks).toString("utf8"), "client");
      const body = path(doc, "Envelope.Body");
      const method = isObject(body) ? Object.keys(body).find((k) => !k.startsWith("@_")) ?? "" : "";
      const request = isObject(body) ? (body[method] as XmlObject) : {};
      calls.push({ method, body: request, cookie: req.headers.cookie });
      let xml: string;
      switch (method) {
        case "RetrieveServiceContent":
          xml = SERVICE_CONTENT;
          break;
        case "Login":
          xml = envelope('<LoginResponse xmlns="urn:vim25"><returnval><key>s1</key><userName>admin</userName></returnval></LoginResponse>');
          res.setHeader("Set-Cookie", 'vmware_soap_session="abc123"; Path=/; HttpOnly');
          break;
        case "CreateContainerView":
          xml = envelope('<CreateContainerViewResponse xmlns="urn:vim25"><returnval type="ContainerView">session[52]view-1</returnval></CreateContainerViewResponse>');
          break;
        case "RetrievePropertiesEx": {
          const type = textAt(request, "specSet.propSet.type");
          if (type === "ContainerView") {
            const refs = all.map((v) => `<ManagedObjectReference type="VirtualMachine">${v.id}</ManagedObjectReference>`).join("");
            xml = retrieveResponse("RetrievePropertiesEx", `<objects><obj type="ContainerView">session[52]view-1</obj><propSet><name>view</name><val xsi:type="ArrayOfManagedObjectReference">${refs}</val></propSet></objects>`);
          } else if (type === "HostSystem") {
            xml = retrieveResponse(
              "RetrievePropertiesEx",
              '<objects><obj type="HostSystem">host-10</obj><propSet><name>name</name><val xsi:type="xsd:string">esx01.corp.example</val></propSet>' +
                '<propSet><name>summary.hardware.vendor</name><val xsi:type="xsd:string">HPE</val></propSet>' +
                '<propSet><name>summary.hardware.model</name><val xsi:type="xsd:string">ProLiant DL380 Gen10</val></propSet>' +
                '<propSet><name>summary.config.product.name</name><val xsi:type="xsd:string">VMware ESXi</val></propSet>' +
                '<propSet><name>summary.config.product.version</name><val xsi:type="xsd:string">8.0.2</val></propSet></objects>',
            );
          } else if (type === "DistributedVirtualPortgroup") {
            xml = retrieveResponse("RetrievePropertiesEx", '<objects><obj type="DistributedVirtualPortgroup">dvportgroup-35</obj><propSet><name>name</name><val xsi:type="xsd:string">DPG-App</val></propSet></objects>');
          } else {
            xml = retrieveResponse("RetrievePropertiesEx", pages[0].map(vmObject).join(""), pages.length > 1 ? "tok-1" : undefined);
          }
          break;
        }
        case "ContinueRetrievePropertiesEx": {
          const n = Number((textAt(request, "token") ?? "").replace("tok-", ""));
          const page = pages[n] ?? [];
          xml = retrieveResponse("ContinueRetrievePropertiesEx", page.map(vmObject).join(""), n + 1 < pages.length ? `tok-${n + 1}` : undefined);
          break;
        }
        default:
          xml = empty(method);
      }
      res.setHeader("Content-Type", "text/xml; charset=utf-8");
      res.end(xml);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
