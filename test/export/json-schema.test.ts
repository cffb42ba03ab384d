/** The edition JSON and its published schema: the committed file is what the code generates, and validates exports. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { DocumentError } from "../../src/domain/problem.ts";
import {
  EDITION_SCHEMA_PATH,
  generateEditionJsonSchema,
  loadEditionJsonSchema,
} from "../../src/export/edition-schema.ts";
import { editionDocument, writeJson } from "../../src/export/json.ts";
import { readEditionJson } from "../../src/ingest/json.ts";
import { awkwardEdition } from "./awkward.ts";
import { bundledEdition } from "./helpers.ts";

const REGENERATE =
  'regenerate with: npx tsx -e \'import("./src/export/edition-schema.ts").then(m=>process.stdout.write(JSON.stringify(m.generateEditionJsonSchema(),null,2)+"\\n"))\' > schema/edition.schema.json';

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(loadEditionJsonSchema()));
}

describe("edition JSON schema", () => {
  it("schema/edition.schema.json is the schema the code generates", () => {
    assert.deepEqual(
      JSON.parse(readFileSync(EDITION_SCHEMA_PATH, "utf8")),
      generateEditionJsonSchema(),
      REGENERATE,
    );
  });

  it("validates the export of the bundled lists and of generated editions", async () => {
    const validate = validator();
    for (const draft of [await bundledEdition(), awkwardEdition(2), awkwardEdition(5)]) {
      const ok = validate(JSON.parse(writeJson(draft).toString("utf8")));
      assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 3)));
    }
  });

  it("rejects documents that break it, in the schema and in the importer alike", async () => {
    const validate = validator();
    const good = editionDocument(await bundledEdition());
    const broken = structuredClone(good) as unknown as { edition: { items: Record<string, unknown>[] } };
    broken.edition.items[0]!.number = "一";
    assert.equal(validate(broken), false);
    const error = (() => {
      try {
        readEditionJson(Buffer.from(JSON.stringify(broken)), "broken.json");
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof DocumentError);
    assert.match(error.message, /broken\.json: JSON 字段 \.edition\.items\[0\]\.number 不符合清单格式/);
    const extra = structuredClone(good) as unknown as { edition: Record<string, unknown> };
    extra.edition.secret = "x";
    assert.equal(validate(extra), false);
    assert.throws(() => readEditionJson(Buffer.from(JSON.stringify(extra)), "x.json"), /secret|Unrecognized/);
  });

  it("refuses JSON that is not an lvzhi edition, and text that is not JSON", () => {
    assert.throws(() => readEditionJson(Buffer.from('{"hello":1}'), "a.json"), /不是 lvzhi 清单 JSON/);
    assert.throws(() => readEditionJson(Buffer.from("{ 不是 JSON"), "b.json"), /不是有效的 JSON/);
  });
});
