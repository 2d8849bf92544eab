import { z } from "zod";

// Zod compiles object parsers with `new Function` and probes for it first; under
// the site's Content-Security-Policy (no 'unsafe-eval', proxy.ts) the probe is
// refused and reported as a violation. Runs before any page module builds a schema.
z.config({ jitless: true });
