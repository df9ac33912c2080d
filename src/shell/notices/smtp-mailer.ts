/**
 * Sends notices by e-mail over SMTP (nodemailer). A port, so deliveries can be tested with a real
 * SMTP server on loopback and the scheduler does not know about SMTP.
 */
import nodemailer from "nodemailer";
import type { MailerConfig } from "./mailer-config.ts";

export interface NoticeEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly {
    readonly filename: string;
    readonly content: string;
    readonly contentType: string;
  }[];
}

export interface NoticeMailer {
  /** Resolves with the server's message id once the server accepted the message; rejects otherwise. */
  send(email: NoticeEmail): Promise<{ readonly messageId: string }>;
  close(): void;
}

export function smtpNoticeMailer(config: MailerConfig, options: { timeoutMs?: number } = {}): NoticeMailer {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls,
    ...(config.auth === undefined ? {} : { auth: { user: config.auth.user, pass: config.auth.pass } }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(email) {
      const info = await transport.sendMail({
        from: config.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        attachments: email.attachments.map((a) => ({ ...a })),
      });
      return { messageId: String(info.messageId) };
    },
    close: () => transport.close(),
  };
}
