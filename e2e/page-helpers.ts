import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const SHOTS = process.env.E2E_SHOTS_DIR;

/** A screenshot for review when E2E_SHOTS_DIR is set; nothing otherwise. */
export async function shot(page: Page, name: string, fullPage = true) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

/**
 * Axe's serious and critical violations on the page, one line each. The
 * site header is shared by every page and checked by its own spec.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`.trim()).join(" | ")}`);
}

/** Picks an application in the tag combobox by keyboard, the way a keyboard-only user does. */
export async function pickApp(scope: Locator | Page, query: string, option: RegExp) {
  const combo = scope.getByRole("combobox", { name: "Add an application" });
  await combo.fill(query);
  const wanted = scope.getByRole("option", { name: option }).first();
  await expect(wanted).toBeVisible();
  const wantedId = await wanted.getAttribute("id");
  // Arrow down until the wanted option is the active one, whatever was active when the list arrived.
  for (let i = 0; i < 12 && (await combo.getAttribute("aria-activedescendant")) !== wantedId; i++) await combo.press("ArrowDown");
  await expect(combo).toHaveAttribute("aria-activedescendant", wantedId!);
  await combo.press("Enter");
}

/** A .vmx of these settings (`key = "value"` lines) in a new temporary folder, as a user's upload. */
export function writeVmx(prefix: string, fileName: string, settings: string[]): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, fileName);
  fs.writeFileSync(file, settings.join("\n") + "\n");
  return { dir, file };
}
