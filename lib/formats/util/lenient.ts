import { AppError, isAppError } from "@/lib/errors/app-error";

/**
 * Maps every VM of a multi-VM export, leaving out (with a warning naming the
 * file and the VM) one that cannot be described, so one broken record never
 * refuses a whole inventory. Only when no VM is left is the file refused, with
 * the first VM's reason.
 */
export function mapEachVm<T, R>(items: T[], map: (item: T, index: number) => R, warnings: string[]): R[] {
  const out: R[] = [];
  let first: AppError | null = null;
  items.forEach((item, i) => {
    try {
      out.push(map(item, i));
    } catch (e) {
      if (!isAppError(e)) throw e;
      first ??= e;
      warnings.push(`${e.describe()}; this VM is left out`);
    }
  });
  if (out.length === 0 && first != null) {
    warnings.length = 0;
    throw first;
  }
  return out;
}
