/**
 * End-to-end tests of the staff console in real Chromium (Debian's `chromium`, driven by playwright-core,
 * launched as in console.test.ts): sign in, triage the queue, decide a case with a reason and see its new
 * log entry, the authoriser's and the auditor's views. Screenshots at 1280×800 and 390×844 go to
 * test-artifacts/e2e/. Without /usr/bin/chromium the tests fail on CI (CI=true) and are skipped elsewhere.
 */
import { generateKeyPairSync } from "node:crypto";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/core/case/case-events.ts";
import { type CaseConsoleServer, PASSWORD, startCaseConsoleServer } from "./case-console-server.ts";
import {
  ARTIFACTS,
  type Browser,
  eventually,
  hasChromium,
  launchChromium,
  requireChromiumOnCi,
  VIEWPORTS,
} from "./chromium.ts";

requireChromiumOnCi("the staff console's end-to-end tests");

describe.skipIf(!hasChromium)("staff console in Chromium", () => {
  let server: CaseConsoleServer;
  let context: BrowserContext;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startCaseConsoleServer();
    browser = await launchChromium();
    context = browser.context;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A new tab (its own sessionStorage, so its own session) signed in as `role`. */
  async function signedIn(role: Role): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(`${role}: ${error.message}`));
    await page.goto(`${server.url}/#/sign-in`);
    await page.getByLabel("E-mail address").fill(server.staff[role].email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    return page;
  }

  /** Follows an in-app link (same tab, so the same session). The root tsconfig has no DOM types. */
  async function goTo(page: Page, hash: string): Promise<void> {
    await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  }

  async function screenshots(page: Page, name: string): Promise<void> {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      const file = join(ARTIFACTS, `${name}-${viewport.width}x${viewport.height}`);
      await page.screenshot({ path: `${file}.png` });
      await page.screenshot({ path: `${file}-full.png`, fullPage: true });
    }
    await page.setViewportSize(VIEWPORTS[0]);
  }

  const queueIds = (page: Page) => page.getByTestId("queue-row").locator("th a").allTextContents();

  it("refuses a wrong password with a clear message, and signs a case worker in to the queue", async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/#/sign-in`);
    await page.getByLabel("E-mail address").fill(server.staff.case_worker.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await eventually(() => page.getByRole("alert").textContent()).toContain("401");
    await screenshots(page, "staff-sign-in");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Cases" }).waitFor();
    await page.close();
  });

  it("lists the queue overdue first and filters it by verdict", async () => {
    const page = await signedIn("case_worker");
    await page.getByRole("heading", { level: 1, name: "Cases" }).waitFor();
    await eventually(() => page.getByTestId("queue-row").count()).toBe(5);
    const ids = await queueIds(page);
    expect(ids[0]).toBe(server.cases.late);
    expect(await page.getByTestId("queue-row").first().textContent()).toContain("overdue");
    expect(ids).toEqual(expect.arrayContaining(Object.values(server.cases)));
    await screenshots(page, "staff-queue");

    // The count shows only once the filtered queue has loaded (rows are absent while it loads).
    await page.getByLabel("Assessor's verdict").selectOption("execute");
    await eventually(() => page.getByTestId("queue-count").textContent()).toBe("4 cases");
    const executed = await queueIds(page);
    expect(executed).not.toContain(server.cases.emergency);
    expect(executed).toEqual(expect.arrayContaining([server.cases.late, server.cases.normal]));
    await page.getByLabel("Emergency").selectOption("true");
    await page.getByText("No case matches these filters.").waitFor();
    expect(await page.getByTestId("queue-row").count()).toBe(0);
    await page.getByRole("button", { name: "Clear the filters" }).click();
    await eventually(() => page.getByTestId("queue-count").textContent()).toBe("5 cases");
    await page.close();
  });

  it("opens a case, starts the review, refuses with a reason, and sees the new event and its log entry", async () => {
    const page = await signedIn("case_worker");
    await page.getByRole("link", { name: server.cases.normal, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `Case ${server.cases.normal}` }).waitFor();
    expect(await page.getByText("payme@example.net").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("measure-group").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("timeline-event").count()).toBe(2);

    await page.getByRole("button", { name: "Start the review" }).click();
    await page.getByRole("button", { name: "Confirm: start the review" }).click();
    await eventually(() => page.getByTestId("case-stage").textContent()).toBe("in review");
    expect(await page.getByTestId("timeline-event").count()).toBe(3);

    await page.getByRole("button", { name: "Decide", exact: true }).click();
    await page.getByLabel("Refuse").check();
    await page.getByRole("button", { name: "Confirm: decide" }).click();
    // A refusal needs a written reason: the form says so at the field and sends nothing.
    await eventually(() => page.locator(".field-error").textContent()).toBe(
      "Give a reason of at least 10 characters.",
    );
    await page
      .getByLabel("Reason (required)")
      .fill("The request targets a journalist's sources: protected expression, no dual criminality.");
    await screenshots(page, "staff-case-decide");
    await page.getByRole("button", { name: "Confirm: decide" }).click();

    await eventually(() => page.getByTestId("case-stage").textContent()).toBe("refused");
    const notice = (await page.getByTestId("action-notice").textContent()) ?? "";
    const newIndex = Number(/New log entries: (\d+)/.exec(notice)?.[1]);
    expect(Number.isInteger(newIndex)).toBe(true);
    const events = page.getByTestId("timeline-event");
    await eventually(() => events.count()).toBe(4);
    expect(await events.last().getAttribute("data-type")).toBe("decided");
    expect(await events.last().textContent()).toContain("protected expression");
    expect(await page.getByTestId("log-index").allTextContents()).toContain(String(newIndex));

    // The browser checks each entry's inclusion proof against the log's checkpoint.
    await page.getByRole("button", { name: "Check the proofs" }).click();
    await eventually(async () => {
      await page.getByRole("button", { name: "Check the proofs" }).click();
      return page.getByTestId("proof-status").allTextContents();
    }).toEqual(["✓ included", "✓ included", "✓ included", "✓ included"]);
    await screenshots(page, "staff-case");
    await page.close();
  });

  it("is usable with the keyboard alone: sign in, open a case, give a command", async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/#/sign-in`);
    await page.getByLabel("E-mail address").focus();
    await page.keyboard.type(server.staff.case_worker.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Cases" }).waitFor();
    await page.getByRole("link", { name: server.cases.late, exact: true }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: `Case ${server.cases.late}` }).waitFor();
    await page.getByRole("button", { name: "Start the review" }).focus();
    await page.keyboard.press("Enter");
    // The form's heading takes the focus; the next stop is its confirm button.
    await eventually(() => page.evaluate("document.activeElement?.textContent")).toBe("Start the review");
    await page.keyboard.press("Tab");
    await eventually(() => page.evaluate("document.activeElement?.textContent")).toBe(
      "Confirm: start the review",
    );
    await page.keyboard.press("Enter");
    await eventually(() => page.getByTestId("case-stage").textContent()).toBe("in review");
    await page.close();
  });

  it("shows an authoriser the authorise action on a case awaiting authorisation", async () => {
    const page = await signedIn("authoriser");
    await goTo(page, `#/case/${server.cases.awaitingAuthorisation}`);
    await eventually(() => page.getByTestId("case-stage").textContent()).toBe("awaiting authorisation");
    const actions = page.getByTestId("case-actions");
    expect(await actions.getByRole("button", { name: "Authorise", exact: true }).count()).toBe(1);
    expect(await actions.getByRole("button", { name: "Deny authorisation" }).count()).toBe(1);
    expect(await actions.getByRole("button", { name: "Decide" }).count()).toBe(0);
    await actions.getByRole("button", { name: "Authorise", exact: true }).click();
    expect(await page.getByLabel("Reason (required)").count()).toBe(1);
    await screenshots(page, "staff-authorise");
    await page.close();
  });

  it("shows an auditor every case without actions, and the case worker's read in the access log", async () => {
    const page = await signedIn("auditor");
    await goTo(page, `#/case/${server.cases.normal}`);
    await page.getByTestId("timeline").waitFor();
    expect(await page.getByText("Read-only").count()).toBe(1);
    expect(await page.getByTestId("case-actions").getByRole("button").count()).toBe(0);

    await page.getByRole("link", { name: "Audit" }).click();
    await page.getByTestId("access-log").waitFor();
    const rows = page.getByTestId("access-row");
    const texts = await rows.allTextContents();
    expect(
      texts.some(
        (text) => text.includes(server.staff.case_worker.userId) && text.includes(server.cases.normal),
      ),
    ).toBe(true);
    await screenshots(page, "staff-access-log");

    await page.getByRole("link", { name: "Intake journal" }).click();
    await page.getByTestId("intake-journal").waitFor();
    expect(await page.getByTestId("intake-journal").textContent()).toContain("rejected");
    await screenshots(page, "staff-intake-journal");

    await page.getByRole("link", { name: "Overrides" }).click();
    await page.getByTestId("overrides").waitFor();
    const overrides = (await page.getByTestId("overrides").textContent()) ?? "";
    expect(overrides).toContain(server.cases.overridden);
    expect(overrides).toContain(server.cases.normal);
    expect(overrides).toContain("security researcher");
    await screenshots(page, "staff-overrides");
    await page.close();
  });

  it("shows an administrator the users, and no case", async () => {
    const page = await signedIn("admin");
    await page.getByTestId("users").waitFor();
    expect(await page.getByTestId("users").locator("tbody tr").count()).toBe(4);
    expect(await page.getByRole("link", { name: "Cases" }).count()).toBe(0);
    await page.getByLabel("Person").selectOption({ label: "The authoriser (authoriser)" });
    await page.getByLabel("Case id").fill(server.cases.late);
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    await eventually(() => page.getByRole("status").allTextContents()).toContain(
      `${server.cases.late} is now assigned to The authoriser.`,
    );
    await screenshots(page, "staff-admin-users");

    await page.getByRole("link", { name: "Authority keys" }).click();
    await page.getByTestId("authorities").waitFor();
    expect(await page.getByTestId("authorities").textContent()).toContain("fr-pp-paris-j3");
    const { publicKey } = generateKeyPairSync("ed25519");
    await page.getByLabel("Name", { exact: true }).fill("Landeskriminalamt Berlin");
    await page.getByLabel("Key id (kid), as it signs").fill("de-lka-berlin");
    await page.getByLabel("State (ISO 3166-1 alpha-2)").fill("de");
    await page.getByLabel("Kind").selectOption("police");
    await page
      .getByLabel("Ed25519 public key")
      .fill(publicKey.export({ type: "spki", format: "pem" }).toString());
    await page.getByRole("button", { name: "Add the authority" }).click();
    await eventually(() => page.getByTestId("authorities").textContent()).toContain("de-lka-berlin");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Revoke Landeskriminalamt Berlin" }).click();
    await eventually(() => page.getByRole("status").allTextContents()).toContain(
      "Landeskriminalamt Berlin was revoked.",
    );
    await screenshots(page, "staff-admin-authorities");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await goTo(page, "#/admin/users");
    await page.getByText("Sign in to see this page.").waitFor();
    await page.close();
  });

  it("threw no error in any page", () => {
    expect(pageErrors).toEqual([]);
  });
});
