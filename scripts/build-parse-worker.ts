/**
 * `npm run build` (postbuild): writes the parse worker into Next's build
 * folder, where the production server loads it (lib/parse-pool/index.ts).
 */
import { builtWorkerPath, writeWorker } from "../lib/parse-pool/build-worker";

writeWorker(builtWorkerPath()).then(
  (file) => console.log(`parse worker written to ${file}`),
  (e) => {
    console.error("could not build the parse worker:", e);
    process.exit(1);
  },
);
