/** Cell values as RVTools writes them, in any locale its users run it in. */

/** A number as RVTools writes it: 4096, "4096", "4,096", "40960.5", "1.024,5" (European CSV). */
export function rvNumber(v: string | null): number | null {
  if (v === null) return null;
  const t = v.trim().replace(/\s/g, "");
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(t)) return Number(t);
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ""));
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return Number(t.replace(/\./g, "").replace(",", "."));
  if (/^-?\d+,\d+$/.test(t)) return Number(t.replace(",", "."));
  return null;
}

export function rvBoolean(v: string | null): boolean | null {
  if (v === null) return null;
  const t = v.trim().toLowerCase();
  if (t === "true" || t === "1" || t === "yes" || t === "waar" || t === "wahr") return true;
  if (t === "false" || t === "0" || t === "no" || t === "onwaar" || t === "falsch") return false;
  return null;
}
