import { config } from "zod/v4/core";

// Zod compiles object parsers with `new Function` and probes for it first; under
// the site's Content-Security-Policy (no 'unsafe-eval', proxy.ts) the probe is
// refused and reported as a violation. Runs before any page module builds a schema.
// Only Zod's config is imported here (its global settings are shared by every copy
// of Zod on the page), so a page that builds no schema loads none of Zod.
config({ jitless: true });
