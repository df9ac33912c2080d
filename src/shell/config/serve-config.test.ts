import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AppError } from "../../core/app-error.ts";
import { resolveServeConfig, type ServeOptionValues } from "./serve-config.ts";

const defaults = { lawDir: "/shipped/law", intakeWorkers: 1 };

function resolve(
  options: ServeOptionValues = {},
  env: Record<string, string> = {},
  files: Record<string, string> = {},
) {
  return resolveServeConfig({
    options,
    env,
    defaults,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      return text;
    },
  });
}

/** The issues of a refused configuration, as `path: message` lines. */
function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID_INPUT");
    return (error as AppError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error("the configuration was accepted");
}

describe("the server's settings", () => {
  it("are the defaults when nothing is set", () => {
    expect(resolve()).toEqual({
      port: 8080,
      host: "127.0.0.1",
      dataDir: "./data",
      databaseUrl: undefined,
      demo: false,
      lawDir: "/shipped/law",
      rateLimit: 50,
      logIntervalMs: 50,
      intakeWorkers: 1,
      publicUrl: "http://127.0.0.1:8080",
      noticeSender: "the requested party's central authority",
      logLevel: "info",
      mailer: undefined,
    });
  });

  it("take an option over the environment, and the environment over the config file", () => {
    const files = { "ls.yaml": "port: 9000\nhost: 0.0.0.0\nrate_limit: 5\nlog_level: warn\n" };
    const config = resolve({ config: "ls.yaml", port: "7000" }, { LIGHTSWITCH_RATE_LIMIT: "20" }, files);
    expect(config.port).toBe(7000);
    expect(config.rateLimit).toBe(20);
    expect(config.host).toBe("0.0.0.0");
    expect(config.logLevel).toBe("warn");
    // The public URL a notice prints follows the host and port unless it is set.
    expect(config.publicUrl).toBe("http://0.0.0.0:7000");
  });

  it("read every command-line option under the name commander gives its value", () => {
    const config = resolve({
      port: "1",
      host: "h",
      data: "d",
      databaseUrl: "postgres://x@y/z",
      demo: true,
      law: "l",
      rateLimit: "2",
      logIntervalMs: "3",
      intakeWorkers: "4",
    });
    expect(config).toMatchObject({
      port: 1,
      host: "h",
      dataDir: "d",
      databaseUrl: "postgres://x@y/z",
      demo: true,
      lawDir: "l",
      rateLimit: 2,
      logIntervalMs: 3,
      intakeWorkers: 4,
    });
  });

  it("read the file named by LIGHTSWITCH_CONFIG when no --config is given, in YAML or JSON", () => {
    const files = { "ls.json": '{ "data_dir": "/srv/ls", "demo": true, "intake_workers": 0 }' };
    const config = resolve({}, { LIGHTSWITCH_CONFIG: "ls.json" }, files);
    expect(config).toMatchObject({ dataDir: "/srv/ls", demo: true, intakeWorkers: 0 });
  });

  it("take the PostgreSQL URL from --database-url, LIGHTSWITCH_DATABASE_URL, DATABASE_URL or the file, in that order", () => {
    const files = { "ls.yaml": "database_url: postgres://file@db/ls\n" };
    expect(resolve({ config: "ls.yaml" }, {}, files).databaseUrl).toBe("postgres://file@db/ls");
    expect(resolve({ config: "ls.yaml" }, { DATABASE_URL: "postgres://env@db/ls" }, files).databaseUrl).toBe(
      "postgres://env@db/ls",
    );
    expect(
      resolve(
        { databaseUrl: "postgresql://cli@db/ls" },
        { LIGHTSWITCH_DATABASE_URL: "postgres://x@db/ls" },
        files,
      ).databaseUrl,
    ).toBe("postgresql://cli@db/ls");
  });

  it("are refused all at once, each problem naming the option, variable or file key it came from", () => {
    const files = { "ls.yaml": "port: 70000\nrate_limit: -1\nlog_level: loud\nintake_workers: 2.5\n" };
    expect(
      problems(() =>
        resolve(
          { config: "ls.yaml", host: " " },
          { LIGHTSWITCH_PUBLIC_URL: "ftp://x", LOG_LEVEL: "" },
          files,
        ),
      ),
    ).toEqual([
      "ls.yaml: port: expected a whole number 0–65,535",
      "--host: expected a non-empty text",
      "ls.yaml: rate_limit: expected a positive number",
      "ls.yaml: intake_workers: expected a whole number 0–64",
      "LIGHTSWITCH_PUBLIC_URL: expected http: or https: (such as https://lightswitch.example.org), got ftp:",
      "ls.yaml: log_level: expected one of fatal, error, warn, info, debug, trace, silent",
    ]);
  });

  it("refuse a PostgreSQL URL that is not one", () => {
    expect(problems(() => resolve({}, { DATABASE_URL: "mysql://db/ls" }))).toEqual([
      "DATABASE_URL: expected postgres: or postgresql: (such as postgres://user@host:5432/lightswitch), got mysql:",
    ]);
  });

  it("refuse a file key that is not a setting, a file that is not a mapping, and a missing file", () => {
    expect(problems(() => resolve({ config: "ls.yaml" }, {}, { "ls.yaml": "prot: 8080\n" }))[0]).toMatch(
      /^ls\.yaml: prot: unknown setting; known: port, host/,
    );
    expect(problems(() => resolve({ config: "ls.yaml" }, {}, { "ls.yaml": "- 8080\n" }))).toEqual([
      "ls.yaml: expected a mapping of settings (key: value)",
    ]);
    expect(problems(() => resolve({ config: "gone.yaml" }))).toEqual([
      "--config: cannot read gone.yaml: no such file",
    ]);
    expect(problems(() => resolve({}, { LIGHTSWITCH_CONFIG: "gone.yaml" }))).toEqual([
      "LIGHTSWITCH_CONFIG: cannot read gone.yaml: no such file",
    ]);
  });

  it("refuse a file that is not YAML, saying where", () => {
    const [problem] = problems(() => resolve({ config: "ls.yaml" }, {}, { "ls.yaml": "port: [8080\n" }));
    expect(problem).toMatch(/^--config: cannot read ls\.yaml: .*line/);
  });

  it("take SMTP from the file's smtp section, a LIGHTSWITCH_SMTP_* variable winning over its key", () => {
    const files = {
      "ls.yaml": "smtp:\n  host: mail.example.org\n  port: 2525\n  from: Notices <notices@example.org>\n",
    };
    expect(resolve({ config: "ls.yaml" }, {}, files).mailer).toMatchObject({
      host: "mail.example.org",
      port: 2525,
      from: "Notices <notices@example.org>",
      requireTls: true,
    });
    expect(resolve({ config: "ls.yaml" }, { LIGHTSWITCH_SMTP_PORT: "587" }, files).mailer?.port).toBe(587);
  });

  it("name the file's smtp key, or the variable, where an SMTP setting is wrong", () => {
    const files = { "ls.yaml": "smtp:\n  host: mail.example.org\n  port: none\n  sender: me\n" };
    expect(problems(() => resolve({ config: "ls.yaml" }, {}, files))).toEqual([
      "ls.yaml: smtp.sender: unknown setting; known: url, host, port, user, pass, secure, from, require_tls",
      "ls.yaml: smtp.port: expected a port number 1–65535",
      'LIGHTSWITCH_SMTP_FROM or ls.yaml: smtp.from: required: the sender, e.g. "Notices <notices@example.com>"',
    ]);
  });
});

describe("the example settings file", () => {
  it("is valid as shipped", () => {
    const path = fileURLToPath(new URL("../../../examples/lightswitch.yaml", import.meta.url));
    const config = resolveServeConfig({ options: { config: path }, env: {}, defaults });
    expect(config).toMatchObject({ port: 8080, dataDir: "./data", intakeWorkers: 1, mailer: undefined });
  });
});
