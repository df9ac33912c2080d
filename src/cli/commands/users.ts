/**
 * `lightswitch users add|list|disable`: the staff who work cases (case_worker, authoriser), audit them
 * (auditor) or manage users (admin). Passwords are read from stdin with --password-stdin (never from the
 * command line, where other users of the machine can see it) or generated and printed once.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { ROLES } from "../../core/case/case-events.ts";
import { openStore } from "../../shell/intake/open-case-service.ts";
import { type User, UserStore } from "../../shell/users/user-store.ts";
import { failWith } from "../fail.ts";

interface StoreOptions {
  data: string;
  databaseUrl?: string;
  json?: boolean;
}

export function registerUsersCommand(program: Command): void {
  const users = program
    .command("users")
    .description("Manage staff users and their roles (case_worker, authoriser, auditor, admin)");
  const withStore = (command: Command) =>
    command
      .option("--data <dir>", "data directory", "./data")
      .option("--database-url <url>", "PostgreSQL URL instead of the SQLite file in --data")
      .option("--json", "print JSON");

  withStore(users.command("add").description("Add a user; the password is hashed with argon2id"))
    .requiredOption("--name <name>", "the person's name")
    .requiredOption("--email <email>", "their login")
    .addOption(new Option("--role <role>", "their role").choices(ROLES).makeOptionMandatory())
    .option("--password-stdin", "read the password (12+ characters) from stdin; otherwise one is generated")
    .action(
      (options: StoreOptions & { name: string; email: string; role: string; passwordStdin?: boolean }) =>
        run(options, async (store) => {
          const generated =
            options.passwordStdin === true ? undefined : randomBytes(18).toString("base64url");
          const password = generated ?? readFileSync(0, "utf8").replace(/\r?\n$/, "");
          const user = await store.create({
            name: options.name,
            email: options.email,
            role: options.role,
            password,
          });
          return { users: [user], ...(generated === undefined ? {} : { password: generated }) };
        }),
    );

  withStore(users.command("list").description("List users")).action((options: StoreOptions) =>
    run(options, async (store) => ({ users: await store.list() })),
  );

  withStore(users.command("disable").description("Disable a user and end their sessions"))
    .requiredOption("--user <id-or-email>", "the user's id or email")
    .action((options: StoreOptions & { user: string }) =>
      run(options, async (store) => ({
        users: [await store.disable((await store.find(options.user)).user_id)],
      })),
    );
}

async function run(
  options: StoreOptions,
  action: (store: UserStore) => Promise<{ users: readonly User[]; password?: string }>,
): Promise<void> {
  const json = options.json === true;
  let database: Awaited<ReturnType<typeof openStore>> | undefined;
  try {
    database = await openStore({ dataDir: options.data, databaseUrl: options.databaseUrl });
    const result = await action(new UserStore({ db: database.db }));
    if (json)
      console.log(JSON.stringify(result.password === undefined ? result.users : { ...result }, null, 2));
    else {
      for (const user of result.users)
        console.log(
          `${user.user_id}  ${user.role.padEnd(11)} ${user.disabled ? "disabled" : "active  "}  ${user.email}  ${user.name}`,
        );
      if (result.password !== undefined)
        console.log(`password: ${result.password}  (shown once; give it to the user over a safe channel)`);
    }
  } catch (error) {
    failWith(error, json);
  } finally {
    await database?.close();
  }
}
