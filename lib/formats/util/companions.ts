/**
 * A companion file describes another file's disks and is read with it, not on its own: a text .vmdk
 * descriptor next to its .vmx. Descriptors are a few hundred bytes; a .vmdk of 64 KiB or more is a
 * data extent (or a binary sparse disk), which says nothing a parser can use. This is the one place
 * that rule is written; the browser, the upload routes, the CLI and the vmx parser all ask it.
 */
export const COMPANION_MAX_BYTES = 64 * 1024;

const COMPANION_NAME = /\.vmdk$/i;

export function isCompanionFile(fileName: string, bytes: number): boolean {
  return COMPANION_NAME.test(fileName) && isCompanionSize(bytes);
}

/** Small enough to be a descriptor rather than disk data. */
export function isCompanionSize(bytes: number): boolean {
  return bytes < COMPANION_MAX_BYTES;
}

/** The files to parse, and the companions that go with them, by file name and size. */
export function splitCompanions<T>(files: readonly T[], nameOf: (f: T) => string, sizeOf: (f: T) => number): { main: T[]; companions: T[] } {
  const main: T[] = [];
  const companions: T[] = [];
  for (const f of files) (isCompanionFile(nameOf(f), sizeOf(f)) ? companions : main).push(f);
  return { main, companions };
}
