import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import { duplicateRaceSuite } from "./duplicate-race";

const database = useRouteTestDatabase("dup-race");
duplicateRaceSuite("PGlite", database, () => import("./route"));
