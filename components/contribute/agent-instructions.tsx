import { AGENT_FILE_NAME, loadAgent } from "@/lib/cli/bundle";
import { HYPERV_EXPORT_COMMAND } from "@/lib/formats/hyperv/export-command";

/** The agent tab: download the one-file tool, run it against vCenter; or export Hyper-V's Get-VM JSON. */
export async function AgentInstructions({ site }: { site: string }) {
  const sha256 = await loadAgent().then((b) => b.sha256, () => null);
  const download = `${site}/downloads/${AGENT_FILE_NAME}`;
  const snapshot = `node ${AGENT_FILE_NAME} snapshot --server vcenter.example.com --user administrator@vsphere.local --all`;
  return (
    <section aria-labelledby="agent-title" className="card">
      <h2 id="agent-title">Read VMs straight from vCenter or ESXi</h2>
      <p>
        The agent is one file that runs with Node.js 20 or later and nothing else installed. It reads VM configurations
        through the vSphere API (read-only; a read-only role is enough), removes everything identifying{" "}
        <strong>on your machine</strong>, shows what would be published and asks before it sends anything.
      </p>
      <pre tabIndex={0} aria-label="Commands to download and run the agent" data-testid="agent-commands"><code>{
        `curl -fLO ${download}\n${snapshot} --publish ${site} --tag active-directory@2022`
      }</code></pre>
      <p className="small">
        <a href={`/downloads/${AGENT_FILE_NAME}`} download style={{ textDecoration: "underline" }}>Download {AGENT_FILE_NAME}</a>
        {sha256 ? (
          <>
            {" "}· SHA-256 <code data-testid="agent-sha256" style={{ wordBreak: "break-all" }}>{sha256}</code> (
            <a href={`/downloads/${AGENT_FILE_NAME}.sha256`} style={{ textDecoration: "underline" }}>checksum file</a>)
          </>
        ) : null}
      </p>
      <p className="small muted">
        Leave out <code>--publish</code> and add <code>--out vms.json</code> to look at the result first. One{" "}
        <code>--tag</code> per application, the first is primary. The password is read from <code>VMCOMPARE_PASSWORD</code>{" "}
        or asked for at a prompt, never from the command line. Edit links stay on your machine, in{" "}
        <code>vmcompare-edit-links.json</code>. The agent posts to <code>POST /api/v1/vms</code>, described in the{" "}
        <a href="/api/v1/openapi.json" style={{ textDecoration: "underline" }}>OpenAPI document</a>; full guide:{" "}
        <code>docs/agent.md</code> in the source.
      </p>
      <h3>Hyper-V</h3>
      <p>
        On the Hyper-V host, this PowerShell line writes <code>vms.json</code>; upload it on the “Upload a snapshot” tab
        (the preview shows what is removed before anything is stored).
      </p>
      <pre tabIndex={0} aria-label="PowerShell command that exports Hyper-V VMs" data-testid="hyperv-command"><code>{HYPERV_EXPORT_COMMAND}</code></pre>
    </section>
  );
}
