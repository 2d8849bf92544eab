import "server-only";
import { cache } from "react";
import { getReadDb } from "@/lib/db/client";
import { getWorkload } from "@/lib/db/workloads";

/** One read of the workload summary per request, shared by the layout (404 check), the metadata and the page. */
export const loadWorkload = cache(async (slug: string) => getWorkload(await getReadDb(), slug));
