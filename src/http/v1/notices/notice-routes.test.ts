import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServedCaseLog, serveCaseLog } from "../../../../test/notices/served-log.ts";
import { testDialects } from "../../../../test/support/databases.ts";
import { AppError, HTTP_STATUS } from "../../../core/app-error.ts";
import { canonicalize } from "../../../core/intake/canonical-json.ts";
import { fixtureEvents } from "../../../core/notices/notice-fixture.ts";
import type { NoticeCase } from "../../../shell/notices/notice-case-source.ts";
import { readerNoticeLogSource } from "../../../shell/notices/notice-log-source.ts";
import { noticeRoutes } from "./notice-routes.ts";

const dialect = testDialects[0]!;

describe("notice routes", () => {
  let served: ServedCaseLog;
  let app: FastifyInstance;
  const authorized: Array<string | null> = [];
  const retried: string[] = [];

  beforeAll(async () => {
    served = await serveCaseLog(dialect);
    const noticeCase: NoticeCase = {
      caseId: "case-1",
      request: served.request,
      requestJson: canonicalize(served.request),
      events: fixtureEvents(served.request),
      profile: { id: "budapest-protocol2-2022", title: "Budapest Convention, Second Protocol" },
      salt: served.salt,
      receivedEventId: "pr-received-0001",
      laterEventIds: ["pr-assessed-0001", "pr-executed-0001"],
    };
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler(async (error, _request, reply) => {
      const appError =
        error instanceof AppError
          ? error
          : (error as { validation?: unknown }).validation !== undefined
            ? new AppError("INVALID_INPUT", (error as Error).message)
            : new AppError("INTERNAL", "internal error");
      return reply.code(HTTP_STATUS[appError.code]).send(appError.toJSON());
    });
    await app.register(noticeRoutes, {
      prefix: "/v1",
      log: { source: readerNoticeLogSource(served.log.service.reader, served.vkey), vkey: served.vkey },
      cases: {
        noticeCase: async (id) =>
          id === "case-1"
            ? noticeCase
            : id === "case-sealed"
              ? { ...noticeCase, events: fixtureEvents(served.request).slice(0, 6) }
              : undefined,
      },
      settings: {
        sender: "Example Mail Ltd",
        log: { url: "https://log.example/log/", origin: "test.example/log", vkey: served.vkey },
      },
      deliveries: {
        listDeliveries: async () => [
          {
            notice_id: "ntc-1",
            case_id: "case-1",
            channel: "email",
            recipient: "person@home.example",
            subject: "Notice",
            status: "failed",
            attempts: 3,
            last_error: "451: mailbox temporarily unavailable",
            next_attempt_at: null,
            needs_attention: true,
            created_at: "2026-11-26T12:00:00.000Z",
            sent_at: null,
          },
        ],
        retryDelivery: async (id) => {
          retried.push(id);
        },
      },
      authorize: async (request, caseId) => {
        if (request.headers.authorization !== "Bearer staff")
          throw new AppError("UNAUTHENTICATED", "log in first");
        authorized.push(caseId);
      },
      now: () => Date.parse("2026-11-26T12:00:00Z"),
    });
  });
  afterAll(async () => {
    await app.close();
    await served.cleanup();
  });

  it("verifies a notice code against this server's log, with and without the request", async () => {
    const get = await app.inject({ url: `/v1/notices/${served.publicCode}/verify` });
    expect(get.statusCode).toBe(200);
    expect(get.json()).toMatchObject({ verified: true, received_on: "2026-10-02", request_checked: false });
    const post = await app.inject({
      method: "POST",
      url: `/v1/notices/${served.publicCode}/verify`,
      payload: { request: served.request, case_event_ids: ["pr-assessed-0001"] },
    });
    expect(post.json()).toMatchObject({ verified: true, request_checked: true });
    const changed = JSON.parse(canonicalize(served.request).replace("Paris", "Parus"));
    const mismatch = await app.inject({
      method: "POST",
      url: `/v1/notices/${served.publicCode}/verify`,
      payload: { request: changed },
    });
    expect(mismatch.json()).toMatchObject({ verified: false, failure: "COMMITMENT_MISMATCH" });
  });

  it("answers 400 for a malformed code", async () => {
    const response = await app.inject({ url: "/v1/notices/LSN1.nope/verify" });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("INVALID_INPUT");
  });

  it("serves the case's notice as a printable page to authorised staff only", async () => {
    expect((await app.inject({ url: "/v1/cases/case-1/notice" })).statusCode).toBe(401);
    const page = await app.inject({
      url: "/v1/cases/case-1/notice",
      headers: { authorization: "Bearer staff" },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.body).toContain("@media print");
    expect(page.body).toContain(served.publicCode);
    expect(page.body).toContain("--event pr-assessed-0001 --event pr-executed-0001");
    const text = await app.inject({
      url: "/v1/cases/case-1/notice?format=text",
      headers: { authorization: "Bearer staff" },
    });
    expect(text.body).toContain("Issued on 2026-11-26.");
    expect(authorized).toContain("case-1");
    const sealed = await app.inject({
      url: "/v1/cases/case-sealed/notice",
      headers: { authorization: "Bearer staff" },
    });
    expect(sealed.statusCode).toBe(409);
    const none = await app.inject({
      url: "/v1/cases/case-9/notice",
      headers: { authorization: "Bearer staff" },
    });
    expect(none.statusCode).toBe(404);
  });

  it("lists deliveries with their last error and retries a failed one", async () => {
    const list = await app.inject({
      url: "/v1/notices/deliveries?status=failed",
      headers: { authorization: "Bearer staff" },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().deliveries[0]).toMatchObject({ notice_id: "ntc-1", needs_attention: true });
    const retry = await app.inject({
      method: "POST",
      url: "/v1/notices/deliveries/ntc-1/retry",
      headers: { authorization: "Bearer staff" },
    });
    expect(retry.statusCode).toBe(204);
    expect(retried).toEqual(["ntc-1"]);
  });
});
