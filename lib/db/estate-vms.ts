import type { Db } from "./client";
import { checkEstateToken } from "./estates";
import { getVms } from "./vms";
import type { VmRecord } from "@/lib/vm/record";

/** The published VMs of an estate's latest import, for whoever holds its edit token (401/403 otherwise). */
export async function estateVmRecords(db: Db, id: string, token: string | null): Promise<VmRecord[]> {
  await checkEstateToken(db, id, token);
  const members = await db.prisma.estateMember.findMany({ where: { estateId: id, vmId: { not: null } }, select: { vmId: true }, orderBy: { vmId: "asc" } });
  return getVms(db, members.map((m) => m.vmId!));
}
