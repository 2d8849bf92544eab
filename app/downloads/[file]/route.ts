import { AGENT_FILE_NAME, loadAgent } from "@/lib/cli/bundle";

export const dynamic = "force-dynamic";
// esbuild and the file system: Node only.
export const runtime = "nodejs";

/** The one-file command-line tool and its SHA-256, as `sha256sum -c` reads it. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  if (file !== AGENT_FILE_NAME && file !== `${AGENT_FILE_NAME}.sha256`) {
    return new Response(`no download named ${JSON.stringify(file)}; there is /downloads/${AGENT_FILE_NAME} and its .sha256\n`, {
      status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  try {
    const { code, sha256 } = await loadAgent();
    if (file.endsWith(".sha256")) {
      return new Response(`${sha256}  ${AGENT_FILE_NAME}\n`, {
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache" },
      });
    }
    return new Response(Buffer.from(code), {
      headers: {
        "Content-Type": "text/javascript; charset=utf-8",
        "Content-Disposition": `attachment; filename="${AGENT_FILE_NAME}"`,
        "Content-Length": String(code.length),
        "Cache-Control": "no-cache",
        ETag: `"${sha256}"`,
      },
    });
  } catch (e) {
    console.error("agent bundle unavailable:", e);
    return new Response("the agent could not be built on this server; run `npm run build`\n", {
      status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "60" },
    });
  }
}
