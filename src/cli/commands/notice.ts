/**
 * `lightswitch notice …`: the notice to the person concerned.
 *   verify CODE --url URL [--vkey KEY] [--request FILE] [--event ID]… [--json]
 *          check a notice code against a log: the received record is in the signed log, the request
 *          file and the code's salt give its commitment, the case's later records carry it too
 *   render FILE [--text] [--out FILE]
 *          print a notice page (HTML, or plain text) from a JSON input, for manual checks
 * Exit codes: 0 verified / done, 1 not verified, 2 bad input.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import type { Assessment } from "../../core/assess/assessment.ts";
import { type CaseEvent, CaseEventSchema } from "../../core/case/case-events.ts";
import { verifierFromVkey } from "../../core/log/note.ts";
import { composeNotice, type Notice } from "../../core/notices/compose-notice.ts";
import { formatNoticeCode, type NoticeCode, parseNoticeCode } from "../../core/notices/notice-code.ts";
import { isNoticeError } from "../../core/notices/notice-error.ts";
import { renderNoticeHtml, renderNoticeText } from "../../core/notices/render-notice.ts";
import { parseRequest } from "../../core/request/parse-request.ts";
import { httpNoticeLogSource } from "../../shell/notices/external/http-notice-log-source.ts";
import { writeNoticePage } from "../../shell/notices/notice-page.ts";
import { type NoticeVerification, verifyNotice } from "../../shell/notices/verify-notice.ts";
import { EXIT_OK, EXIT_USAGE, EXIT_VERIFICATION_FAILED, exitWithUsageCodes } from "./log.ts";

function usageError(message: string, json: boolean): never {
  if (json) console.log(JSON.stringify({ error: { code: "INVALID_INPUT", message } }, null, 2));
  else console.error(`error: ${message}`);
  process.exit(EXIT_USAGE);
}

function readJsonFile(path: string, what: string, json: boolean): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    usageError(`cannot read ${what} ${path}: ${(error as Error).message}`, json);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    usageError(`${what} ${path} is not JSON: ${(error as Error).message}`, json);
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface VerifyFlags {
  url: string;
  vkey?: string;
  origin?: string;
  request?: string;
  event: string[];
  json?: boolean;
}

export function registerNoticeCommand(program: Command): void {
  const notice = exitWithUsageCodes(
    program
      .command("notice")
      .description("The notice to the person concerned: verify a notice code, render a notice"),
  );

  exitWithUsageCodes(
    notice
      .command("verify")
      .description(
        "Verify a notice code against a log: the request's received record is in the signed log, on which day, and the request file matches its commitment",
      )
      .argument("<code>", "the notice code, LSN1.…")
      .requiredOption("--url <prefix>", "the log's URL prefix, e.g. https://lightswitch.example/log/")
      .option(
        "--vkey <key>",
        "the log's verifier key, as printed on the notice (default: as the log publishes it)",
      )
      .option("--origin <origin>", "expected checkpoint origin (default: the key name)")
      .option("--request <file>", "the request file sent with the notice (request.json)")
      .option("--event <id>", "a later record of the case listed on the notice (repeatable)", collect, [])
      .option("--json", "print the result as JSON"),
  ).action(async (codeText: string, flags: VerifyFlags) => {
    const json = flags.json === true;
    let code: NoticeCode;
    try {
      code = parseNoticeCode(codeText);
    } catch (error) {
      if (isNoticeError(error)) usageError(`${error.code}: ${error.message}`, json);
      throw error;
    }
    let verifier: ReturnType<typeof verifierFromVkey> | undefined;
    if (flags.vkey !== undefined) {
      try {
        verifier = verifierFromVkey(flags.vkey);
      } catch {
        usageError(`--vkey ${flags.vkey} is not a signed-note verifier key (name+hex id+base64 key)`, json);
      }
    }
    if (!/^https?:\/\//.test(flags.url)) usageError(`--url ${flags.url} is not an http(s) URL`, json);
    if (flags.request === undefined)
      usageError("give --request FILE: the request sent with the notice is what the commitment proves", json);
    const request = readJsonFile(flags.request, "the request file", json);
    let result: NoticeVerification;
    try {
      result = await verifyNotice({
        code,
        request,
        source: httpNoticeLogSource(flags.url),
        verifier,
        origin: flags.origin,
        caseEventIds: flags.event,
      });
    } catch (error) {
      if (isNoticeError(error)) usageError(`${error.code}: ${error.message}`, json);
      throw error;
    }
    if (json) console.log(JSON.stringify(result, null, 2));
    else printVerification(result);
    process.exitCode = result.verified ? EXIT_OK : EXIT_VERIFICATION_FAILED;
  });

  exitWithUsageCodes(
    notice
      .command("render")
      .description("Print a notice page from a JSON input (see --help), for manual checks")
      .argument(
        "<file>",
        "JSON: { code | event_id + salt_hex, issued_on, sender, request, events, profile, log, assessment?, case_event_ids?, console_url?, oversight? }",
      )
      .option("--text", "print the plain-text version (the e-mail body) instead of HTML")
      .option("--out <file>", "write the HTML page to this file instead of stdout"),
  ).action(async (file: string, flags: { text?: boolean; out?: string }) => {
    const notice = noticeFromInput(readJsonFile(file, "the notice input", false));
    if (flags.out !== undefined) {
      await writeNoticePage(flags.out, notice);
      console.error(`wrote ${flags.out}`);
      return;
    }
    process.stdout.write(flags.text === true ? renderNoticeText(notice) : renderNoticeHtml(notice));
  });
}

function printVerification(result: NoticeVerification): void {
  if (!result.verified) {
    console.log(`NOT VERIFIED (${result.failure}): ${result.reason}`);
    return;
  }
  console.log(`VERIFIED: the request was received on ${result.received_on} and has not been changed since.`);
  console.log(
    `  record ${result.event_id} is entry ${result.index} of log ${result.log.origin} (size ${result.log.size})`,
  );
  console.log(`  commitment ${result.commitment}`);
  if (result.key_source === "published")
    console.log(
      "  warning: the log's key was taken from the log itself; compare it with the key on your notice",
    );
  console.log(
    result.later_records.length === 0
      ? "  no later record of the case was found"
      : `  later records of the case, all with the same commitment:`,
  );
  for (const r of result.later_records)
    console.log(`    ${r.date}  ${r.event_type.padEnd(12)} entry ${r.index} (${r.visibility})`);
  if (!result.scan.complete)
    console.log(`  note: read entries ${result.scan.from}–${result.scan.to - 1} only; the log is longer`);
}

const RenderInputSchema = z.object({
  code: z.string().optional(),
  event_id: z.string().optional(),
  salt_hex: z
    .string()
    .regex(/^([0-9a-f]{2}){16,64}$/)
    .optional(),
  issued_on: z.string(),
  sender: z.string().min(1),
  request: z.unknown(),
  events: z.array(z.unknown()),
  /** Only what the notice reads of an assessment: its findings' explanations and citations. */
  assessment: z
    .looseObject({
      findings: z.array(
        z.looseObject({
          rule: z.string(),
          explanation: z.string(),
          citations: z.array(z.looseObject({ instrument: z.string(), article: z.string() })),
        }),
      ),
    })
    .optional(),
  profile: z.object({ id: z.string(), title: z.string() }),
  log: z.object({ url: z.string(), origin: z.string(), vkey: z.string() }),
  case_event_ids: z.array(z.string()).optional(),
  console_url: z.url().optional(),
  oversight: z.object({ name: z.string(), contact: z.string() }).optional(),
});

function noticeFromInput(value: unknown): Notice {
  const parsed = RenderInputSchema.safeParse(value);
  if (!parsed.success) usageError(`the notice input is invalid: ${z.prettifyError(parsed.error)}`, false);
  const input = parsed.data;
  try {
    const code =
      input.code ??
      (input.event_id !== undefined && input.salt_hex !== undefined
        ? formatNoticeCode({ eventId: input.event_id, salt: Buffer.from(input.salt_hex, "hex") })
        : usageError("give code, or event_id and salt_hex", false));
    const events = input.events.map((event, i) => {
      const result = CaseEventSchema.safeParse(event);
      if (!result.success) usageError(`events[${i}]: ${z.prettifyError(result.error)}`, false);
      return result.data as CaseEvent;
    });
    return composeNotice({
      code,
      issuedOn: input.issued_on,
      sender: input.sender,
      request: parseRequest(input.request),
      events,
      assessment: input.assessment as Assessment | undefined,
      profile: input.profile,
      log: input.log,
      caseEventIds: input.case_event_ids,
      consoleUrl: input.console_url,
      oversight: input.oversight,
    });
  } catch (error) {
    if (isNoticeError(error)) usageError(`${error.code}: ${error.message}`, false);
    if (error instanceof Error && "issues" in error) usageError(error.message, false);
    throw error;
  }
}
