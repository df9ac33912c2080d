/**
 * The settings of `lightswitch serve`, from three sources, validated together before anything opens
 * (issue 4: "config from env + file, validated at start with clear errors"). For each setting the first
 * source that sets it wins: the command-line option, then the environment, then the config file
 * (`--config FILE` or LIGHTSWITCH_CONFIG; YAML or JSON), then the default. Every problem is reported
 * at once, each naming where the bad value came from (`--port`, `LIGHTSWITCH_PORT`,
 * `lightswitch.yaml: port`), as an AppError INVALID_INPUT.
 *
 * The SMTP settings for notices keep their own validation (mailer-config.ts); the file's `smtp:`
 * section feeds it beside the LIGHTSWITCH_SMTP_* variables, which win. The data key is not a setting
 * here: a secret stays in LIGHTSWITCH_DATA_KEY or its key file (personal-data.ts).
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { AppError } from "../../core/app-error.ts";
import type { FieldIssue } from "../../core/validation-issues.ts";
import { booleanText, loadMailerConfig, type MailerConfig } from "../notices/mailer-config.ts";

export interface ServeConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** PostgreSQL instead of the SQLite file in the data directory. */
  readonly databaseUrl: string | undefined;
  readonly demo: boolean;
  readonly lawDir: string;
  /** Requests per second per authority (bursts of 4×). */
  readonly rateLimit: number;
  readonly logIntervalMs: number;
  readonly intakeWorkers: number;
  /** Where people reach this server: printed in notices so that they can verify them. */
  readonly publicUrl: string;
  readonly noticeSender: string;
  readonly logLevel: LogLevel;
  /** How notices are e-mailed; undefined: no SMTP server, notices are issued on paper. */
  readonly mailer: MailerConfig | undefined;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A raw value as a source gives it: text from the command line or the environment, YAML from the file. */
type Raw = string | number | boolean;
type Parsed<T> = { readonly value: T } | { readonly error: string };

interface Setting<T> {
  /** The command-line option, if the setting has one. */
  readonly option?: string;
  /** Environment variables, the first set one counts. */
  readonly env: readonly string[];
  /** The key in the config file. */
  readonly key: string;
  readonly parse: (raw: Raw) => Parsed<T>;
}

/** What `serve` was given on its command line (commander's option values, all optional). */
export interface ServeOptionValues {
  readonly config?: string | undefined;
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly data?: string | undefined;
  readonly databaseUrl?: string | undefined;
  readonly demo?: boolean | undefined;
  readonly law?: string | undefined;
  readonly rateLimit?: string | undefined;
  readonly logIntervalMs?: string | undefined;
  readonly intakeWorkers?: string | undefined;
}

export interface ServeConfigDefaults {
  readonly lawDir: string;
  readonly intakeWorkers: number;
}

type Env = Readonly<Record<string, string | undefined>>;

const integer =
  (min: number, max: number) =>
  (raw: Raw): Parsed<number> => {
    const n =
      typeof raw === "number"
        ? raw
        : typeof raw === "string" && /^-?\d+$/.test(raw.trim())
          ? Number(raw)
          : NaN;
    return Number.isInteger(n) && n >= min && n <= max
      ? { value: n }
      : { error: `expected a whole number ${min}–${max.toLocaleString("en")}` };
  };

const positive = (raw: Raw): Parsed<number> => {
  const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  return Number.isFinite(n) && n > 0 ? { value: n } : { error: "expected a positive number" };
};

const text = (raw: Raw): Parsed<string> =>
  typeof raw === "string" && raw.trim() !== "" ? { value: raw } : { error: "expected a non-empty text" };

const flag = (raw: Raw): Parsed<boolean> => {
  const value = typeof raw === "boolean" ? raw : typeof raw === "string" ? booleanText(raw) : undefined;
  return value === undefined ? { error: "expected true or false" } : { value };
};

const urlWith =
  (protocols: readonly string[], example: string) =>
  (raw: Raw): Parsed<string> => {
    if (typeof raw !== "string") return { error: `expected a URL such as ${example}` };
    try {
      const url = new URL(raw);
      if (!protocols.includes(url.protocol))
        return { error: `expected ${protocols.join(" or ")} (such as ${example}), got ${url.protocol}` };
      return { value: raw.replace(/\/+$/, "") };
    } catch {
      return { error: `not a URL; expected such as ${example}` };
    }
  };

const logLevel = (raw: Raw): Parsed<LogLevel> =>
  typeof raw === "string" && (LOG_LEVELS as readonly string[]).includes(raw)
    ? { value: raw as LogLevel }
    : { error: `expected one of ${LOG_LEVELS.join(", ")}` };

/** Every setting but the defaults that depend on others (public URL) and SMTP's own section. */
const SETTINGS = {
  port: { option: "--port", env: ["LIGHTSWITCH_PORT"], key: "port", parse: integer(0, 65535) },
  host: { option: "--host", env: ["LIGHTSWITCH_HOST"], key: "host", parse: text },
  dataDir: { option: "--data", env: ["LIGHTSWITCH_DATA_DIR"], key: "data_dir", parse: text },
  databaseUrl: {
    option: "--database-url",
    env: ["LIGHTSWITCH_DATABASE_URL", "DATABASE_URL"],
    key: "database_url",
    parse: urlWith(["postgres:", "postgresql:"], "postgres://user@host:5432/lightswitch"),
  },
  demo: { option: "--demo", env: [], key: "demo", parse: flag },
  lawDir: { option: "--law", env: ["LIGHTSWITCH_LAW_DIR"], key: "law_dir", parse: text },
  rateLimit: { option: "--rate-limit", env: ["LIGHTSWITCH_RATE_LIMIT"], key: "rate_limit", parse: positive },
  logIntervalMs: {
    option: "--log-interval-ms",
    env: ["LIGHTSWITCH_LOG_INTERVAL_MS"],
    key: "log_interval_ms",
    parse: integer(1, 60_000),
  },
  intakeWorkers: {
    option: "--intake-workers",
    env: ["LIGHTSWITCH_INTAKE_WORKERS"],
    key: "intake_workers",
    parse: integer(0, 64),
  },
  publicUrl: {
    env: ["LIGHTSWITCH_PUBLIC_URL"],
    key: "public_url",
    parse: urlWith(["http:", "https:"], "https://lightswitch.example.org"),
  },
  noticeSender: { env: ["LIGHTSWITCH_NOTICE_SENDER"], key: "notice_sender", parse: text },
  logLevel: { env: ["LOG_LEVEL"], key: "log_level", parse: logLevel },
} satisfies Record<string, Setting<unknown>>;

/** For `serve --help`: each setting's option, variables and file key, from the table above. */
export function settingsTable(): string {
  const rows: Array<[string, string, string]> = [
    ["option", "variable", "file key"],
    ...Object.values(SETTINGS).map((s): [string, string, string] => [
      "option" in s ? s.option : "",
      s.env.join(", "),
      s.key,
    ]),
    ["", "LIGHTSWITCH_SMTP_*", `smtp: { ${Object.keys(SMTP_KEYS).join(", ")} }`],
  ];
  const widths = [0, 1].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows
    .map(([option, variable, key]) =>
      `  ${option.padEnd(widths[0]!)}  ${variable.padEnd(widths[1]!)}  ${key}`.trimEnd(),
    )
    .join("\n");
}

/** The file's `smtp:` keys and the variables they stand for (mailer-config.ts reads the variables). */
const SMTP_KEYS: Readonly<Record<string, string>> = {
  url: "LIGHTSWITCH_SMTP_URL",
  host: "LIGHTSWITCH_SMTP_HOST",
  port: "LIGHTSWITCH_SMTP_PORT",
  user: "LIGHTSWITCH_SMTP_USER",
  pass: "LIGHTSWITCH_SMTP_PASS",
  secure: "LIGHTSWITCH_SMTP_SECURE",
  from: "LIGHTSWITCH_SMTP_FROM",
  require_tls: "LIGHTSWITCH_SMTP_REQUIRE_TLS",
};

/** Commander's name for an option's value: `--log-interval-ms` → `logIntervalMs`. */
function optionValueName(option: string): keyof ServeOptionValues {
  return option
    .slice(2)
    .replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()) as keyof ServeOptionValues;
}

/**
 * Resolves the settings; throws AppError INVALID_INPUT listing every problem. `readFile` reads the
 * config file (a parameter so that tests give the text).
 */
export function resolveServeConfig(input: {
  readonly options: ServeOptionValues;
  readonly env: Env;
  readonly defaults: ServeConfigDefaults;
  readonly readFile?: (path: string) => string;
}): ServeConfig {
  const { options, env, defaults } = input;
  const issues: FieldIssue[] = [];
  const file = readConfigFile(
    options.config ?? nonEmpty(env["LIGHTSWITCH_CONFIG"]),
    options.config === undefined ? "LIGHTSWITCH_CONFIG" : "--config",
    input.readFile ?? ((path) => readFileSync(path, "utf8")),
    issues,
  );
  const pick = <T>(setting: Setting<T>, fallback: T): T => {
    const sources: Array<{ label: string; raw: Raw | undefined }> = [
      ...(setting.option === undefined
        ? []
        : [{ label: setting.option, raw: options[optionValueName(setting.option)] }]),
      ...setting.env.map((name) => ({ label: name, raw: nonEmpty(env[name]) })),
      ...(file === undefined
        ? []
        : [{ label: `${file.path}: ${setting.key}`, raw: file.values[setting.key] as Raw | undefined }]),
    ];
    const given = sources.find((s) => s.raw !== undefined && s.raw !== null);
    if (given === undefined) return fallback;
    const parsed = setting.parse(given.raw as Raw);
    if ("error" in parsed) {
      issues.push({ path: given.label, message: parsed.error });
      return fallback;
    }
    return parsed.value;
  };
  const port = pick(SETTINGS.port, 8080);
  const host = pick(SETTINGS.host, "127.0.0.1");
  const config = {
    port,
    host,
    dataDir: pick(SETTINGS.dataDir, "./data"),
    databaseUrl: pick<string | undefined>(SETTINGS.databaseUrl, undefined),
    demo: pick(SETTINGS.demo, false),
    lawDir: pick(SETTINGS.lawDir, defaults.lawDir),
    rateLimit: pick(SETTINGS.rateLimit, 50),
    logIntervalMs: pick(SETTINGS.logIntervalMs, 50),
    intakeWorkers: pick(SETTINGS.intakeWorkers, defaults.intakeWorkers),
    publicUrl: pick(SETTINGS.publicUrl, `http://${host}:${port}`),
    noticeSender: pick(SETTINGS.noticeSender, "the requested party's central authority"),
    logLevel: pick(SETTINGS.logLevel, "info"),
  };
  const mailer = resolveMailer(env, file, issues);
  if (issues.length > 0)
    throw new AppError(
      "INVALID_INPUT",
      `the server's settings are invalid (${issues.length} problem${issues.length === 1 ? "" : "s"})`,
      { issues },
    );
  return { ...config, mailer };
}

interface ConfigFile {
  readonly path: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** The `smtp:` section's values as the variables they stand for. */
  readonly smtp: Readonly<Record<string, string>>;
}

function readConfigFile(
  path: string | undefined,
  named: string,
  readFile: (path: string) => string,
  issues: FieldIssue[],
): ConfigFile | undefined {
  if (path === undefined) return undefined;
  let content: unknown;
  try {
    content = parseYaml(readFile(path));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    issues.push({ path: named, message: `cannot read ${path}: ${reason}` });
    return undefined;
  }
  if (content === null || content === undefined) return { path, values: {}, smtp: {} };
  if (typeof content !== "object" || Array.isArray(content)) {
    issues.push({ path, message: "expected a mapping of settings (key: value)" });
    return undefined;
  }
  const values = content as Record<string, unknown>;
  const known = new Set<string>([...Object.values(SETTINGS).map((s) => s.key), "smtp"]);
  for (const [key, value] of Object.entries(values)) {
    if (!known.has(key))
      issues.push({ path: `${path}: ${key}`, message: `unknown setting; known: ${[...known].join(", ")}` });
    else if (key !== "smtp" && value !== null && !["string", "number", "boolean"].includes(typeof value))
      issues.push({ path: `${path}: ${key}`, message: "expected a single value" });
  }
  return { path, values, smtp: smtpVariables(path, values["smtp"], issues) };
}

function smtpVariables(path: string, section: unknown, issues: FieldIssue[]): Record<string, string> {
  if (section === undefined || section === null) return {};
  if (typeof section !== "object" || Array.isArray(section)) {
    issues.push({
      path: `${path}: smtp`,
      message: "expected a mapping (url or host, port, user, pass, from, …)",
    });
    return {};
  }
  const variables: Record<string, string> = {};
  for (const [key, value] of Object.entries(section)) {
    const variable = SMTP_KEYS[key];
    if (variable === undefined)
      issues.push({
        path: `${path}: smtp.${key}`,
        message: `unknown setting; known: ${Object.keys(SMTP_KEYS).join(", ")}`,
      });
    else if (value !== null && ["string", "number", "boolean"].includes(typeof value))
      variables[variable] = String(value);
    else if (value !== null)
      issues.push({ path: `${path}: smtp.${key}`, message: "expected a single value" });
  }
  return variables;
}

/** SMTP from the variables, each falling back to the file's `smtp:` value; issues name the source. */
function resolveMailer(
  env: Env,
  file: ConfigFile | undefined,
  issues: FieldIssue[],
): MailerConfig | undefined {
  const merged: Record<string, string | undefined> = {};
  /** Where a variable's value came from (a file key), or where it could be set (it was not). */
  const source = new Map<string, string>();
  for (const [key, variable] of Object.entries(SMTP_KEYS)) {
    const own = nonEmpty(env[variable]);
    const filed = file?.smtp[variable];
    merged[variable] = own ?? filed;
    if (file !== undefined && own === undefined)
      source.set(
        variable,
        filed === undefined ? `${variable} or ${file.path}: smtp.${key}` : `${file.path}: smtp.${key}`,
      );
  }
  try {
    return loadMailerConfig(merged, (variable) => source.get(variable) ?? variable);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
