import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generatedSchemas } from "./json-schemas.ts";

describe("published JSON Schemas", () => {
  it.each(Object.entries(generatedSchemas()))(
    "schemas/%s matches its validator (run node scripts/write-schemas.ts)",
    (file, schema) => {
      const committed = JSON.parse(
        readFileSync(new URL(`../../../schemas/${file}`, import.meta.url), "utf8"),
      );
      expect(committed).toEqual(JSON.parse(JSON.stringify(schema)));
    },
  );

  it("lists the country codes, so outside tools can validate them", () => {
    const schema = generatedSchemas()["lightswitch.request.v1.schema.json"] as {
      properties: { requesting: { properties: { state: { enum: string[] } } } };
    };
    expect(schema.properties.requesting.properties.state.enum).toContain("BR");
  });
});
