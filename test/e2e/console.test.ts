import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  type Browser,
  CHROMIUM,
  eventually,
  hasChromium,
  launchChromium,
  requireChromiumOnCi,
  VIEWPORTS,
} from "./chromium.ts";
import { type ConsoleServer, startConsoleServer } from "./console-server.ts";

requireChromiumOnCi("the web console's end-to-end tests");
if (!hasChromium)
  console.warn(
    `skipping the web console's end-to-end tests: ${CHROMIUM} is missing (apt-get install chromium)`,
  );

describe.skipIf(!hasChromium)("web console in Chromium", () => {
  let server: ConsoleServer;
  let context: BrowserContext;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startConsoleServer({ size: 300 });
    browser = await launchChromium();
    context = browser.context;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(hash: string): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(`${hash}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`${hash}: ${message.text()}`);
    });
    await page.goto(`${server.url}/${hash}`);
    return page;
  }

  /** The viewport at each size (what a reader sees first), and the whole page unless it is a dialog. */
  async function screenshots(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      const file = join(ARTIFACTS, `${name}-${viewport.width}x${viewport.height}`);
      await page.screenshot({ path: `${file}.png` });
      if (fullPage) await page.screenshot({ path: `${file}-full.png`, fullPage: true });
    }
    await page.setViewportSize(VIEWPORTS[0]);
  }

  it("shows the log's current checkpoint and its cosignature", async () => {
    const page = await open("#/log");
    await eventually(() => page.getByTestId("checkpoint-size").textContent()).toBe("300");
    const checkpoint = await page.getByTestId("checkpoint").textContent();
    expect(checkpoint).toContain("lightswitch.example/log");
    await eventually(() => page.locator(".signatures li").count()).toBe(2);
    expect(await page.locator(".signatures").textContent()).toContain("witness cosignature");
    await page.close();
  });

  it("verifies the log's signature and the witness's cosignature with the keys given", async () => {
    const page = await open("#/log");
    await page.getByLabel("Verifier keys").fill(`${server.logVkey}\n${server.witnessVkey}`);
    await page.getByRole("button", { name: "Verify signatures" }).click();
    await eventually(() => page.getByTestId("signature-check").allTextContents()).toEqual([
      "✓ signature verified",
      "✓ signature verified",
    ]);
    await page.close();
  });

  it("looks up an entry by number and verifies its inclusion in the browser (✓)", async () => {
    const page = await open("#/log");
    await page.getByLabel("Entry number or event id").fill("257");
    await page.getByRole("button", { name: "Look up and verify" }).click();
    await page.getByTestId("inclusion-ok").waitFor();
    expect(await page.getByTestId("inclusion-ok").textContent()).toContain("✓ Entry 257 is in the log");
    const record = JSON.parse((await page.getByTestId("record").textContent()) ?? "");
    expect(record).toMatchObject({ format: "lightswitch.public-record/v1", event_id: server.eventId(257) });
    await screenshots(page, "log-explorer");
    await page.close();
  });

  it("looks up an entry by event id and verifies it", async () => {
    const page = await open("#/log");
    await page.getByLabel("Entry number or event id").fill(server.eventId(42));
    await page.getByRole("button", { name: "Look up and verify" }).click();
    await page.getByTestId("inclusion-ok").waitFor();
    expect(await page.getByTestId("inclusion-result").textContent()).toContain("Entry 42");
    await page.close();
  });

  it("refuses an entry beyond the checkpoint with a clear message", async () => {
    const page = await open("#/log");
    await page.getByLabel("Entry number or event id").fill("300");
    await page.getByRole("button", { name: "Look up and verify" }).click();
    await eventually(() => page.getByRole("alert").textContent()).toContain("from 0 to 299");
    await page.close();
  });

  it("verifies consistency between two sizes, and rejects a wrong earlier root", async () => {
    const page = await open("#/log");
    await page.getByLabel("Earlier size", { exact: true }).fill("100");
    await page.getByLabel("Later size", { exact: true }).fill("300");
    await page.getByRole("button", { name: "Verify consistency" }).click();
    await page.getByTestId("consistency-ok").waitFor();
    await page.getByLabel("Later size", { exact: true }).fill("257");
    await page.getByRole("button", { name: "Verify consistency" }).click();
    await eventually(() => page.getByTestId("consistency-ok").textContent()).toContain("257 entries");
    await page.getByLabel("Root hash at the earlier size").fill(btoa("x".repeat(32)));
    await page.getByRole("button", { name: "Verify consistency" }).click();
    await page.getByTestId("consistency-failed").waitFor();
    await page.close();
  });

  it("reaches the lookup form by keyboard alone and verifies an entry with Enter", async () => {
    const page = await open("#/log");
    await page.getByTestId("checkpoint-size").waitFor();
    const input = page.getByLabel("Entry number or event id", { exact: true });
    const inputId = await input.getAttribute("id");
    const focusedId = async () =>
      (await page.locator(":focus").count()) === 1 ? page.locator(":focus").getAttribute("id") : null;
    let reached = false;
    for (let presses = 0; presses < 40 && !reached; presses++) {
      await page.keyboard.press("Tab");
      reached = (await focusedId()) === inputId;
    }
    expect(reached).toBe(true);
    await page.keyboard.type("7");
    await page.keyboard.press("Enter");
    await page.getByTestId("inclusion-ok").waitFor();
    await page.close();
  });

  it("renders one chart (an svg) per profile and the scenario × profile matrix", async () => {
    const page = await open("#/treaties");
    await page.getByTestId("matrix").waitFor();
    const profiles = await page.locator("figure.chart").evaluateAll((figures) =>
      figures.map((f) => ({
        profile: f.getAttribute("data-profile"),
        svgs: f.querySelectorAll("svg").length,
      })),
    );
    expect(profiles.map((p) => p.profile)).toEqual([
      "un-cybercrime-2024",
      "budapest-2001",
      "budapest-protocol2-2022",
      "eu-e-evidence-2023",
      "rights-first",
    ]);
    for (const p of profiles) expect(p.svgs).toBeGreaterThanOrEqual(1);
    expect(await page.locator("[data-testid=matrix] tbody tr").count()).toBeGreaterThanOrEqual(60);
    expect(await page.locator("[data-testid=matrix] thead th").count()).toBe(2 + 5);
    await screenshots(page, "treaty-comparison");
    await page.close();
  });

  it("opens a cell's findings with citations, and closes them with Escape", async () => {
    const page = await open("#/treaties");
    await page.getByTestId("matrix").waitFor();
    const firstRow = page.locator("[data-testid=matrix] tbody tr").first();
    await firstRow.locator("a.verdict").last().click();
    const dialog = page.getByTestId("findings");
    await dialog.locator(".finding").first().waitFor();
    expect(await dialog.textContent()).toContain("rights-first");
    expect(await dialog.locator(".finding a[href^='http']").count()).toBeGreaterThan(0);
    await screenshots(page, "treaty-findings", { fullPage: false });
    await page.keyboard.press("Escape");
    await eventually(async () => new URL(page.url()).hash).toBe("#/treaties");
    expect(await dialog.count()).toBe(0);
    await page.close();
  });

  it.each([
    ["overview", "#/", "Lightswitch"],
    ["sign-in", "#/sign-in", "For case workers"],
    ["not-found", "#/nowhere", "Page not found"],
  ])("shows the %s page with its state", async (name, hash, text) => {
    const page = await open(hash);
    await eventually(() => page.locator("main").textContent()).toContain(text);
    expect(await page.locator("nav a").count()).toBe(5);
    await screenshots(page, name);
    await page.close();
  });

  it("shows the transparency report: totals, a chart per breakdown and over time, banded small counts, downloads", async () => {
    const page = await open("#/report");
    await page.getByTestId("report").waitFor();
    const charts = page.locator("figure.count-chart");
    await eventually(() => charts.count()).toBe(10);
    expect(await charts.locator("svg").count()).toBeGreaterThanOrEqual(10);
    const titles = await charts.locator("figcaption").allTextContents();
    expect(titles).toEqual(
      expect.arrayContaining([
        "By requesting state",
        "By instrument",
        "By measure asked for",
        "By verdict",
        "By refusal ground",
      ]),
    );
    expect(await page.getByTestId("report").textContent()).toContain("1-9");
    const downloads = await page
      .locator(".downloads a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(downloads).toEqual(
      expect.arrayContaining([expect.stringMatching(/\.json$/), expect.stringMatching(/\.csv$/)]),
    );
    const json = await page.request.get(`${server.url}${downloads.find((h) => h?.endsWith(".json"))}`);
    expect((await json.json()).format).toBe("lightswitch.report/v1");
    await screenshots(page, "transparency-report");
    await page.close();
  });

  it("switches the report's period with the labelled select", async () => {
    const page = await open("#/report");
    await page.getByTestId("report").waitFor();
    const options = await page.getByLabel("Period").locator("option").allTextContents();
    expect(options.length).toBeGreaterThan(1);
    await page.getByLabel("Period").selectOption(options[1]!);
    await eventually(async () => new URL(page.url()).hash).toBe(`#/report/${options[1]}`);
    await page.getByTestId("report").waitFor();
    await page.close();
  });

  it("says the report is coming, and shows no figures, when the server publishes none", async () => {
    const page = await context.newPage();
    await page.route("**/v1/reports", (route) =>
      route.fulfill({
        status: 404,
        contentType: "application/json",
        body: '{"error":{"code":"NOT_FOUND","message":"no route"}}',
      }),
    );
    await page.goto(`${server.url}/#/report`);
    await eventually(() => page.locator("main").textContent()).toContain("Coming soon");
    expect(await page.locator("svg").count()).toBe(0);
    await screenshots(page, "transparency-report-unavailable");
    await page.close();
  });

  it("checks a notice: the receipt proven in the log, the request file matching its commitment, the later record", async () => {
    const page = await open("#/notice");
    await page.getByLabel("Notice code").fill(server.notice.code);
    await page.getByLabel("Request file content (JSON)").fill(server.notice.requestText);
    await page.getByLabel("The log's key, as printed in your notice (optional)").fill(server.logVkey);
    await page.getByRole("button", { name: "Check the notice" }).click();
    await page.getByTestId("notice-ok").waitFor();
    const result = await page.getByTestId("notice-result").textContent();
    expect(result).toContain("✓ Verified: the request was recorded in the log on 2026-01-01");
    expect(result).toContain("signed by the key given");
    expect(await page.locator("[data-testid=notice-records] tbody tr").count()).toBe(2);
    await screenshots(page, "check-notice");
    await page.close();
  });

  it("opens a notice link with the code filled in, and says when the request file was changed", async () => {
    const page = await open(`#/notice/${server.notice.code}`);
    const changed = server.notice.requestText.replace("ransomware", "ransomwarE");
    expect(changed).not.toBe(server.notice.requestText);
    await page.getByLabel("Request file content (JSON)").fill(changed);
    await page.getByRole("button", { name: "Check the notice" }).click();
    await page.getByTestId("notice-failed").waitFor();
    expect(await page.getByTestId("notice-failed").textContent()).toContain("does not match the record");
    await page.close();
  });

  it("says a mistyped notice code is mistyped", async () => {
    const page = await open("#/notice");
    const code = server.notice.code;
    await page
      .getByLabel("Notice code")
      .fill(`${code.slice(0, 10)}${code[10] === "A" ? "B" : "A"}${code.slice(11)}`);
    await page.getByRole("button", { name: "Check the notice" }).click();
    await eventually(() => page.getByRole("alert").textContent()).toContain("character by character");
    await page.close();
  });

  it.each([
    ["the log is empty", "**/log/checkpoint", 404, "#/log", "The log has no checkpoint yet"],
    ["the log fails", "**/log/checkpoint", 500, "#/log", "Try again"],
    ["the comparison fails", "**/v1/simulation", 500, "#/treaties", "Try again"],
    ["the report fails", "**/v1/reports", 500, "#/report", "Try again"],
  ])("shows a clear state when %s", async (_name, url, status, hash, text) => {
    const page = await context.newPage();
    await page.route(url, (route) =>
      route.fulfill({
        status,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: status === 404 ? "NOT_FOUND" : "INTERNAL", message: "test" } }),
      }),
    );
    await page.goto(`${server.url}/${hash}`);
    await eventually(() => page.locator("main").textContent()).toContain(text);
    if (status === 500) await screenshots(page, `error-${hash.replace(/[^a-z]/g, "")}`, { fullPage: false });
    await page.close();
  });

  // Last: it grows the log.
  it("remembers the checkpoint it saw and, once the log has grown, verifies it only grew", async () => {
    const first = await open("#/log");
    await eventually(() => first.getByTestId("since-last-visit").textContent()).toContain("same checkpoint");
    await first.close();
    await server.append(20);
    const page = await open("#/log");
    await eventually(() => page.getByTestId("checkpoint-size").textContent()).toBe("320");
    await eventually(() => page.getByTestId("since-last-visit").textContent()).toContain(
      "✓ Since your last visit the log has only grown: the 300 entries",
    );
    await page.close();
  });

  it("warns when the log no longer matches the checkpoint it saw (a rewritten history)", async () => {
    const page = await open("#/log");
    await page.getByTestId("checkpoint-size").waitFor();
    await page.evaluate(
      `localStorage.setItem("lightswitch.log.seen", JSON.stringify({ origin: "lightswitch.example/log", size: 100, root: "${btoa("f".repeat(32))}" }))`,
    );
    await page.reload();
    await eventually(() => page.getByTestId("since-last-visit").textContent()).toContain("NOT consistent");
    await screenshots(page, "log-explorer-inconsistent", { fullPage: false });
    await page.close();
  });

  it("logs no error in the browser console on any page", () => {
    expect(pageErrors).toEqual([]);
  });
});
