/** A resumable bulk import's progress, as the API returns it and the bulk-import page shows it (lib/db/imports.ts keeps it). */
export interface ImportJobStatus {
  id: string;
  status: "pending" | "done";
  total: number;
  batchSize: number;
  batchCount: number;
  batchesDone: number;
  imported: number;
  duplicates: number;
  /**
   * The import's random public id: /vms?import=<publicId> lists exactly the VMs it published. It
   * names no contributor and drives nothing; null for jobs staged before it existed.
   */
  publicId: string | null;
}
