/**
 * SMTP settings for notices, from the environment, validated once at start (STYLE habit 10):
 *
 *   LIGHTSWITCH_SMTP_URL    smtp://user:pass@host:587 or smtps://user:pass@host:465 (user and pass
 *                           percent-encoded), or instead:
 *   LIGHTSWITCH_SMTP_HOST, LIGHTSWITCH_SMTP_PORT (default 587), LIGHTSWITCH_SMTP_USER,
 *   LIGHTSWITCH_SMTP_PASS, LIGHTSWITCH_SMTP_SECURE (true = TLS from the start, default false)
 *   LIGHTSWITCH_SMTP_FROM   the sender, e.g. "Example Mail Ltd notices <notices@example.com>" (required)
 *   LIGHTSWITCH_SMTP_REQUIRE_TLS  true = refuse to send without STARTTLS (default true unless the host
 *                           is a loopback address: a notice carries personal data)
 *
 * Every problem is an AppError INVALID_INPUT naming the variable; passwords never appear in messages.
 */
import { AppError } from "../../core/app-error.ts";
import type { FieldIssue } from "../../core/validation-issues.ts";

export interface MailerConfig {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (smtps, usually port 465); otherwise STARTTLS when offered. */
  readonly secure: boolean;
  readonly requireTls: boolean;
  readonly auth?: { readonly user: string; readonly pass: string } | undefined;
  readonly from: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;
const FROM = /^[^\r\n<>]*<[^\s@<>]+@[^\s@<>]+>$|^[^\s@<>]+@[^\s@<>]+$/;

/** "true"/"1"/"yes" or "false"/"0"/"no" (any case); undefined for anything else. */
export function booleanText(value: string): boolean | undefined {
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  return undefined;
}

function parseBoolean(value: string | undefined, name: string, issues: FieldIssue[]): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  const parsed = booleanText(value);
  if (parsed === undefined) issues.push({ path: name, message: "expected true or false" });
  return parsed;
}

function parsePort(value: string, name: string, issues: FieldIssue[]): number {
  if (!/^[0-9]{1,5}$/.test(value) || Number(value) < 1 || Number(value) > 65_535) {
    issues.push({ path: name, message: "expected a port number 1–65535" });
    return 0;
  }
  return Number(value);
}

/**
 * Reads the SMTP settings; undefined when none are set (notices then cannot be e-mailed). `describe`
 * names where a variable's value came from in the issues (serve-config.ts: a config file's key).
 */
export function loadMailerConfig(
  env: Env = process.env,
  describe: (variable: string) => string = (variable) => variable,
): MailerConfig | undefined {
  const url = env["LIGHTSWITCH_SMTP_URL"];
  const host = env["LIGHTSWITCH_SMTP_HOST"];
  if ((url === undefined || url === "") && (host === undefined || host === "")) return undefined;
  const issues: FieldIssue[] = [];
  let config: Omit<MailerConfig, "from" | "requireTls">;
  if (url !== undefined && url !== "") {
    if (host !== undefined && host !== "")
      issues.push({
        path: "LIGHTSWITCH_SMTP_HOST",
        message: "set either LIGHTSWITCH_SMTP_URL or the host, not both",
      });
    config = parseUrl(url, issues);
  } else {
    const user = env["LIGHTSWITCH_SMTP_USER"];
    const pass = env["LIGHTSWITCH_SMTP_PASS"];
    if ((user === undefined) !== (pass === undefined))
      issues.push({
        path: "LIGHTSWITCH_SMTP_PASS",
        message: "set both LIGHTSWITCH_SMTP_USER and _PASS, or neither",
      });
    config = {
      host: host ?? "",
      port: parsePort(env["LIGHTSWITCH_SMTP_PORT"] ?? "587", "LIGHTSWITCH_SMTP_PORT", issues),
      secure: parseBoolean(env["LIGHTSWITCH_SMTP_SECURE"], "LIGHTSWITCH_SMTP_SECURE", issues) ?? false,
      auth: user !== undefined && pass !== undefined ? { user, pass } : undefined,
    };
  }
  const from = env["LIGHTSWITCH_SMTP_FROM"];
  if (from === undefined || from === "")
    issues.push({
      path: "LIGHTSWITCH_SMTP_FROM",
      message: 'required: the sender, e.g. "Notices <notices@example.com>"',
    });
  else if (!FROM.test(from))
    issues.push({ path: "LIGHTSWITCH_SMTP_FROM", message: 'expected an address or "Name <address>"' });
  const requireTls =
    parseBoolean(env["LIGHTSWITCH_SMTP_REQUIRE_TLS"], "LIGHTSWITCH_SMTP_REQUIRE_TLS", issues) ??
    !LOOPBACK.test(config.host);
  if (issues.length > 0) {
    const named = issues.map((issue) => ({ ...issue, path: describe(issue.path) }));
    throw new AppError(
      "INVALID_INPUT",
      `the SMTP settings are invalid: ${named.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
      { issues: named },
    );
  }
  return { ...config, from: from ?? "", requireTls };
}

function parseUrl(text: string, issues: FieldIssue[]): Omit<MailerConfig, "from" | "requireTls"> {
  const name = "LIGHTSWITCH_SMTP_URL";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    issues.push({ path: name, message: "not a URL; expected smtp://user:pass@host:port or smtps://…" });
    return { host: "", port: 0, secure: false };
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:")
    issues.push({ path: name, message: `scheme ${url.protocol} is not smtp: or smtps:` });
  if (url.hostname === "") issues.push({ path: name, message: "no host" });
  const secure = url.protocol === "smtps:";
  const port = url.port === "" ? (secure ? 465 : 587) : parsePort(url.port, name, issues);
  let auth: MailerConfig["auth"];
  try {
    auth =
      url.username === ""
        ? undefined
        : { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  } catch {
    issues.push({ path: name, message: "the user or password is not valid percent-encoding" });
  }
  return { host: url.hostname, port, secure, auth };
}
