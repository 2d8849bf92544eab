import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import { describeRouteFuzz } from "./route-fuzz.test-support";

/** Every route handler under arbitrary input, on a fresh PGlite database (see route-fuzz.test-support.ts). */
const database = useRouteTestDatabase("routes-property");
process.env.RATE_LIMIT_PER_MINUTE = "100000";

describeRouteFuzz("PGlite", database);
