/** A real SMTP server on 127.0.0.1 (port 0) for notice tests: records what it accepts, or refuses. */
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  /** Headers unfolded, quoted-printable soft breaks removed: good enough to search. */
  readonly raw: string;
}

export interface SmtpSink {
  readonly port: number;
  readonly received: ReceivedMail[];
  /** While true, every message is refused with a temporary error (451). */
  refuse: boolean;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: { received: ReceivedMail[]; refuse: boolean } = { received: [], refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (sink.refuse) {
          const to = session.envelope.rcptTo.map((r) => r.address).join(", ");
          const error = Object.assign(new Error(`mailbox of ${to} temporarily unavailable`), {
            responseCode: 451,
          });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks)
          .toString("utf8")
          .replace(/=\r\n/g, "")
          .replace(/\r\n[ \t]+/g, " ");
        sink.received.push({
          from: session.envelope.mailFrom === false ? "" : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return Object.assign(sink, {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as SmtpSink;
}
