import { VsphereError } from "./errors";
import { moRefXml, readMoRef, SoapClient } from "./soap-client";
import { child, children, escapeXml, path, text, textAt, xsiType, type XmlNode } from "./xml";

export interface MoRef {
  type: string;
  value: string;
}

export interface AboutInfo {
  name: string | null;        // "VMware vCenter Server", "VMware ESXi"
  fullName: string | null;
  version: string | null;
  build: string | null;
  apiType: string | null;     // "VirtualCenter" | "HostAgent"
  apiVersion: string | null;
}

export interface ServiceContent {
  rootFolder: MoRef;
  propertyCollector: MoRef;
  viewManager: MoRef;
  sessionManager: MoRef;
  /** PerformanceManager, where usage history lives; null when the server names none. */
  perfManager: MoRef | null;
  about: AboutInfo;
}

/** One object from RetrievePropertiesEx: its properties by path, and the paths the server could not read. */
export interface ObjectContent {
  obj: MoRef;
  props: Map<string, XmlNode>;
  missing: Map<string, string>;
}

export interface RetrievePage {
  objects: ObjectContent[];
  token: string | null;
}

const SERVICE_INSTANCE: MoRef = { type: "ServiceInstance", value: "ServiceInstance" };

function requireRef(node: XmlNode | undefined, what: string, client: SoapClient): MoRef {
  const ref = readMoRef(node);
  if (!ref) throw new VsphereError("not-vsphere", `${client.url.host} answered RetrieveServiceContent without a ${what}; it does not look like vCenter or ESXi`);
  return ref;
}

export async function retrieveServiceContent(client: SoapClient): Promise<ServiceContent> {
  const res = await client.call("RetrieveServiceContent", SERVICE_INSTANCE);
  const rv = child(res, "returnval");
  const about = child(rv, "about");
  const sc: ServiceContent = {
    rootFolder: requireRef(child(rv, "rootFolder"), "root folder", client),
    propertyCollector: requireRef(child(rv, "propertyCollector"), "property collector", client),
    viewManager: requireRef(child(rv, "viewManager"), "view manager", client),
    sessionManager: requireRef(child(rv, "sessionManager"), "session manager", client),
    perfManager: readMoRef(child(rv, "perfManager")),
    about: {
      name: textAt(about, "name"),
      fullName: textAt(about, "fullName"),
      version: textAt(about, "version"),
      build: textAt(about, "build"),
      apiType: textAt(about, "apiType"),
      apiVersion: textAt(about, "apiVersion"),
    },
  };
  if (sc.about.apiVersion && /^\d+\.\d+(\.\d+)*$/.test(sc.about.apiVersion)) client.apiVersion = sc.about.apiVersion;
  return sc;
}

export async function login(client: SoapClient, sc: ServiceContent, user: string, password: string): Promise<void> {
  await client.call(
    "Login",
    sc.sessionManager,
    `<userName>${escapeXml(user)}</userName><password>${escapeXml(password)}</password>`,
  );
}

export async function logout(client: SoapClient, sc: ServiceContent): Promise<void> {
  await client.call("Logout", sc.sessionManager);
}

export async function createContainerView(client: SoapClient, sc: ServiceContent, type: string): Promise<MoRef> {
  const res = await client.call(
    "CreateContainerView",
    sc.viewManager,
    `${moRefXml("container", sc.rootFolder)}<type>${escapeXml(type)}</type><recursive>true</recursive>`,
  );
  const ref = readMoRef(child(res, "returnval"));
  if (!ref) throw new VsphereError("not-vsphere", `${client.url.host} answered CreateContainerView without a view`);
  return ref;
}

export async function destroyView(client: SoapClient, view: MoRef): Promise<void> {
  await client.call("DestroyView", view);
}

/** What to read: properties of one managed object type, from either a container view or a list of objects. */
export interface PropertyQuery {
  type: string;
  paths: string[];
  /** Read every object in this ContainerView ... */
  view?: MoRef;
  /** ... or exactly these objects. */
  objects?: MoRef[];
}

function filterSpecXml(q: PropertyQuery): string {
  const propSet = `<propSet><type>${escapeXml(q.type)}</type><all>false</all>${q.paths.map((p) => `<pathSet>${escapeXml(p)}</pathSet>`).join("")}</propSet>`;
  let objectSet: string;
  if (q.view) {
    // The view itself is skipped; the traversal walks its "view" property to the objects.
    objectSet =
      `<objectSet>${moRefXml("obj", q.view)}<skip>true</skip>` +
      `<selectSet xsi:type="TraversalSpec"><name>traverseView</name><type>ContainerView</type><path>view</path><skip>false</skip></selectSet>` +
      `</objectSet>`;
  } else {
    objectSet = (q.objects ?? []).map((o) => `<objectSet>${moRefXml("obj", o)}<skip>false</skip></objectSet>`).join("");
  }
  // Objects deleted between listing and reading are reported, not a fault that sinks the whole page.
  const missing = q.view ? "" : "<reportMissingObjectsInResults>true</reportMissingObjectsInResults>";
  return `<specSet>${propSet}${objectSet}${missing}</specSet>`;
}

/** The objects and continuation token of a RetrievePropertiesEx or ContinueRetrievePropertiesEx response. */
export function readPage(res: XmlNode): RetrievePage {
  const rv = child(res, "returnval");
  if (rv === undefined) return { objects: [], token: null };
  const objects: ObjectContent[] = [];
  for (const o of children(rv, "objects")) {
    const obj = readMoRef(child(o, "obj"));
    if (!obj) continue;
    const props = new Map<string, XmlNode>();
    for (const p of children(o, "propSet")) {
      const name = textAt(p, "name");
      const val = child(p, "val");
      if (name !== null && val !== undefined) props.set(name, val);
    }
    const missing = new Map<string, string>();
    for (const m of children(o, "missingSet")) {
      const name = textAt(m, "path");
      const why = xsiType(path(m, "fault.fault")) ?? textAt(m, "fault.localizedMessage") ?? "";
      if (name !== null) missing.set(name, why);
    }
    objects.push({ obj, props, missing });
  }
  const token = text(child(rv, "token"));
  return { objects, token: token || null };
}

export async function retrievePropertiesEx(
  client: SoapClient, sc: ServiceContent, query: PropertyQuery, maxObjects: number,
): Promise<RetrievePage> {
  const res = await client.call(
    "RetrievePropertiesEx",
    sc.propertyCollector,
    `${filterSpecXml(query)}<options><maxObjects>${Math.max(1, Math.floor(maxObjects))}</maxObjects></options>`,
  );
  return readPage(res);
}

export async function continueRetrievePropertiesEx(client: SoapClient, sc: ServiceContent, token: string): Promise<RetrievePage> {
  const res = await client.call("ContinueRetrievePropertiesEx", sc.propertyCollector, `<token>${escapeXml(token)}</token>`);
  return readPage(res);
}

export async function cancelRetrievePropertiesEx(client: SoapClient, sc: ServiceContent, token: string): Promise<void> {
  await client.call("CancelRetrievePropertiesEx", sc.propertyCollector, `<token>${escapeXml(token)}</token>`);
}

/**
 * Every page of a query, one at a time: the caller handles a page before the
 * next is requested, so only one page of XML is ever held. Abandoning the
 * loop early cancels the server-side result set.
 */
export async function* retrieveAllPages(
  client: SoapClient, sc: ServiceContent, query: PropertyQuery, maxObjects: number,
): AsyncGenerator<ObjectContent[]> {
  let page = await retrievePropertiesEx(client, sc, query, maxObjects);
  let token = page.token;
  try {
    yield page.objects;
    while (token) {
      page = await continueRetrievePropertiesEx(client, sc, token);
      token = page.token;
      yield page.objects;
    }
  } finally {
    if (token) await cancelRetrievePropertiesEx(client, sc, token).catch(() => undefined);
  }
}
