/**
 * Lookups in constant tables by a key that came from outside (a URL, a file,
 * a form). `TABLE[key]` would find Object.prototype's members for
 * "__proto__", "constructor" or "toString" and hand back a function or an
 * object where a string was expected.
 */
export function isOwnKey<K extends PropertyKey>(table: Readonly<Record<K, unknown>>, key: PropertyKey): key is K {
  return Object.prototype.hasOwnProperty.call(table, key);
}

export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
