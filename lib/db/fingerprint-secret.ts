import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { setFingerprintSecret } from "@/lib/vm/fingerprint";

export const SECRET_FILE = "fingerprint-secret";

/**
 * An embedded database keeps its own duplicate-detection secret: generated
 * once, at random, in its data folder (readable by its owner only), so a
 * site run without FINGERPRINT_SECRET never uses the public built-in one.
 * The folder is already locked by this process when this runs.
 */
export function loadFolderSecret(dir: string): string {
  const file = path.join(path.resolve(dir), SECRET_FILE);
  let secret: string;
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    secret = crypto.randomBytes(32).toString("hex");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret + "\n", { flag: "wx", mode: 0o600 });
  }
  if (secret.length < 16) throw new Error(`${file} holds no usable secret; remove it to have a new one generated.`);
  return secret;
}

/** Uses the folder's secret unless FINGERPRINT_SECRET is set. */
export function useFolderSecret(dir: string): void {
  if (process.env.FINGERPRINT_SECRET) return;
  setFingerprintSecret(loadFolderSecret(dir));
}
