/**
 * `npm run build` (postbuild): writes the one-file command-line tool into
 * Next's build folder, where /downloads/vmcompare-agent.mjs serves it.
 */
import { builtAgentPath, writeAgent } from "../lib/cli/bundle";

writeAgent(builtAgentPath()).then(
  ({ code, sha256 }) => console.log(`agent written to ${builtAgentPath()} (${Math.round(code.length / 1024)} KiB, sha256 ${sha256})`),
  (e) => {
    console.error("could not build the agent:", e);
    process.exit(1);
  },
);
