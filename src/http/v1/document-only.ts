/**
 * A validator compiler for routes whose body schema is there for the OpenAPI document only, because
 * the handler parses the body itself (parse once, at the edge, with the core's own parser, so HTTP and
 * CLI report the same field paths). Query strings and params are still validated by zod.
 */
import type { FastifySchema, FastifySchemaCompiler } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";

export const bodyParsedByHandler: FastifySchemaCompiler<FastifySchema> = (route) =>
  route.httpPart === "body" ? (value) => ({ value }) : validatorCompiler(route as never);
