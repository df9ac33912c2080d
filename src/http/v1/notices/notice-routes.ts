/**
 * Notices over HTTP. Register under `/v1`:
 *
 *   GET  /v1/notices/:code/verify           the notice's record in this server's log: included, received
 *                                           on which day, later records (no request: not compared)
 *   POST /v1/notices/:code/verify           the same, and the request in the body `{ request }` compared
 *                                           with the record's commitment
 *   GET  /v1/cases/:id/notice[?format=text] the case's notice as a printable page (staff only)
 *   GET  /v1/notices/deliveries[?case=&status=]  e-mail deliveries and their errors (staff only)
 *   POST /v1/notices/deliveries/:noticeId/retry   send a failed delivery again (staff only)
 *
 * Verification runs the same steps as `lightswitch notice verify`, against this server's own log
 * (readerNoticeLogSource). Case data and deliveries come through ports; who may read a case is the
 * `authorize` hook's decision (roles, need-to-know, access log), called before any case data is read.
 */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../../core/app-error.ts";
import { caseState } from "../../../core/case/case-state.ts";
import { verifierFromVkey } from "../../../core/log/note.ts";
import { type NoticeCode, parseNoticeCode } from "../../../core/notices/notice-code.ts";
import { isNoticeError } from "../../../core/notices/notice-error.ts";
import { renderNoticeHtml, renderNoticeText } from "../../../core/notices/render-notice.ts";
import type { NoticeCaseSource, NoticeSettings } from "../../../shell/notices/notice-case-source.ts";
import { noticeForCase } from "../../../shell/notices/notice-case-source.ts";
import type { NoticeDeliveries } from "../../../shell/notices/notice-deliveries.ts";
import type { NoticeLogSource } from "../../../shell/notices/notice-log-source.ts";
import { verifyNotice } from "../../../shell/notices/verify-notice.ts";
import { ErrorBodySchema } from "../error.types.ts";
import {
  CaseParamsSchema,
  DeliveriesQuerySchema,
  DeliveriesSchema,
  DeliveryParamsSchema,
  NoticeCodeParamsSchema,
  NoticePageQuerySchema,
  NoticeVerificationSchema,
  VerifyNoticeBodySchema,
} from "./notices.types.ts";

type NoticeVerificationBody = z.infer<typeof NoticeVerificationSchema>;

export interface NoticeRoutesOptions {
  /** This server's log (readerNoticeLogSource(log.reader, log.vkey)) and its verifier key. */
  readonly log: { readonly source: NoticeLogSource; readonly vkey: string };
  readonly cases: NoticeCaseSource;
  readonly settings: NoticeSettings;
  readonly deliveries?: Pick<NoticeDeliveries, "listDeliveries" | "retryDelivery"> | undefined;
  /**
   * Throws (UNAUTHENTICATED / FORBIDDEN / NOT_FOUND) unless the request's user may read this case's
   * personal data (`caseId`), or the delivery list (`caseId` null); records the access where needed.
   */
  readonly authorize: (request: FastifyRequest, caseId: string | null) => Promise<void>;
  readonly now?: () => number;
  /** Later log entries read per verification (a public endpoint: bounded). Default 4,096. */
  readonly maxScanEntries?: number;
}

function parseCode(text: string): NoticeCode {
  try {
    return parseNoticeCode(text);
  } catch (error) {
    if (isNoticeError(error))
      throw new AppError("INVALID_INPUT", error.message, { issues: [{ path: "code", message: error.code }] });
    throw error;
  }
}

export const noticeRoutes: FastifyPluginAsyncZod<NoticeRoutesOptions> = async (app, options) => {
  const verifier = verifierFromVkey(options.log.vkey);
  const now = options.now ?? Date.now;

  const verify = async (
    code: NoticeCode,
    body?: { request: unknown; case_event_ids?: string[] | undefined },
  ): Promise<NoticeVerificationBody> => {
    try {
      // The body schema mirrors NoticeVerification; only its arrays are readonly there.
      return (await verifyNotice({
        code,
        source: options.log.source,
        verifier,
        maxScanEntries: options.maxScanEntries ?? 4_096,
        ...(body === undefined ? {} : { request: body.request, caseEventIds: body.case_event_ids }),
      })) as NoticeVerificationBody;
    } catch (error) {
      if (isNoticeError(error)) throw new AppError("INVALID_INPUT", error.message);
      throw error;
    }
  };

  app.get(
    "/notices/:code/verify",
    {
      schema: {
        summary: "Check a notice code against this server's log (without the request)",
        tags: ["notices"],
        params: NoticeCodeParamsSchema,
        response: { 200: NoticeVerificationSchema, 400: ErrorBodySchema },
      },
    },
    async (request, reply) =>
      reply.header("cache-control", "no-store").send(await verify(parseCode(request.params.code))),
  );

  app.post(
    "/notices/:code/verify",
    {
      schema: {
        summary: "Check a notice code and the request sent with it against this server's log",
        tags: ["notices"],
        params: NoticeCodeParamsSchema,
        body: VerifyNoticeBodySchema,
        response: { 200: NoticeVerificationSchema, 400: ErrorBodySchema },
      },
    },
    async (request, reply) =>
      reply
        .header("cache-control", "no-store")
        .send(await verify(parseCode(request.params.code), request.body)),
  );

  app.get(
    "/cases/:id/notice",
    {
      schema: {
        summary: "The notice to the person concerned, as a printable page",
        tags: ["notices"],
        params: CaseParamsSchema,
        querystring: NoticePageQuerySchema,
        response: {
          200: z.string().describe("text/html (printable) or text/plain"),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          404: ErrorBodySchema,
          409: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      await options.authorize(request, request.params.id);
      const noticeCase = await options.cases.noticeCase(request.params.id);
      if (noticeCase === undefined) throw new AppError("NOT_FOUND", `no case ${request.params.id}`);
      if (caseState(noticeCase.events).stage === "sealed")
        throw new AppError(
          "CONFLICT",
          `case ${request.params.id} is under secrecy: the person cannot be told yet`,
        );
      const notice = noticeForCase(noticeCase, options.settings, new Date(now()).toISOString().slice(0, 10));
      return reply
        .header("cache-control", "no-store")
        .type(request.query.format === "text" ? "text/plain; charset=utf-8" : "text/html; charset=utf-8")
        .send(request.query.format === "text" ? renderNoticeText(notice) : renderNoticeHtml(notice));
    },
  );

  const { deliveries } = options;
  if (deliveries === undefined) return;

  app.get(
    "/notices/deliveries",
    {
      schema: {
        summary: "E-mail deliveries of notices, newest first, with their attempts and last error",
        tags: ["notices"],
        querystring: DeliveriesQuerySchema,
        response: { 200: DeliveriesSchema, 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      await options.authorize(request, request.query.case ?? null);
      const list = await deliveries.listDeliveries({
        ...(request.query.case === undefined ? {} : { caseId: request.query.case }),
        ...(request.query.status === undefined ? {} : { status: request.query.status }),
      });
      return reply.header("cache-control", "no-store").send({ deliveries: list });
    },
  );

  app.post(
    "/notices/deliveries/:noticeId/retry",
    {
      schema: {
        summary: "Send a failed notice delivery again, now",
        tags: ["notices"],
        params: DeliveryParamsSchema,
        response: {
          204: z.null().describe("the delivery is due again"),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          404: ErrorBodySchema,
          409: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const [delivery] = (await deliveries.listDeliveries()).filter(
        (d) => d.notice_id === request.params.noticeId,
      );
      if (delivery === undefined)
        throw new AppError("NOT_FOUND", `no notice delivery ${request.params.noticeId}`);
      await options.authorize(request, delivery.case_id);
      await deliveries.retryDelivery(request.params.noticeId, now());
      return reply.code(204).send(null);
    },
  );
};
