/**
 * Debian's Chromium for the end-to-end tests, driven by playwright-core (never a downloaded browser).
 * On CI (CI=true) a missing /usr/bin/chromium is an error: the console's tests must run there.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { expect } from "vitest";

export const CHROMIUM = "/usr/bin/chromium";
/** Screenshots for people to look at (gitignored). */
export const ARTIFACTS = join(process.cwd(), "test-artifacts", "e2e");
export const hasChromium = existsSync(CHROMIUM);

export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/** Fails the test file on CI when Chromium is missing; `what` names the tests for the message. */
export function requireChromiumOnCi(what: string): void {
  if (!hasChromium && process.env["CI"] === "true")
    throw new Error(
      `${CHROMIUM} is missing: ${what} must run on CI. Install Debian's chromium (apt-get install -y chromium), as .ci/run does.`,
    );
}

/** Browser state settles asynchronously (fetches, WebCrypto): poll, with room for a slow CI machine. */
export const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A headless Chromium with a fresh profile (passed as launchPersistentContext's directory: playwright
 * refuses --user-data-dir in args) and the flags this closed network needs (no background networking).
 */
export async function launchChromium(): Promise<Browser> {
  const profileDir = mkdtempSync(join(tmpdir(), "lightswitch-chromium-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORTS[0],
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
