import "server-only";
import { cache } from "react";
import { getReadDb } from "@/lib/db/client";
import { getVm } from "@/lib/db/vms";

/** One read of the VM per request, shared by the layout (404 check), the metadata and the page. */
export const loadVm = cache(async (id: string) => getVm(await getReadDb(), id));
