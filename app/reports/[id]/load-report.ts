import "server-only";
import { cache } from "react";
import { getReadDb } from "@/lib/db/client";
import { getReport } from "@/lib/db/reports";

/** One read of the stored report per request, shared by the layout (404 check), the metadata and the page. */
export const loadReport = cache(async (id: string) => getReport(await getReadDb(), id));
