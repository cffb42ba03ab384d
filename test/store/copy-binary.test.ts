/** PostgreSQL's binary COPY format as BinaryCopyRows writes it (the bulk import's item and link rows). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { BinaryCopyRows } from "../../src/store/copy-binary.ts";

/** Reads the data back by the format's rules: the rows, each a list of ints (4 bytes) or strings. */
function read(data: Buffer, ints: readonly number[]): (number | string | null)[][] {
  assert.equal(data.subarray(0, 11).toString("latin1"), "PGCOPY\n\xff\r\n\0", "signature");
  assert.equal(data.readInt32BE(11), 0, "flags");
  assert.equal(data.readInt32BE(15), 0, "header extension");
  let at = 19;
  const rows: (number | string | null)[][] = [];
  for (;;) {
    const fields = data.readInt16BE(at);
    at += 2;
    if (fields === -1) break;
    const row: (number | string | null)[] = [];
    for (let f = 0; f < fields; f++) {
      const length = data.readInt32BE(at);
      at += 4;
      if (length === -1) row.push(null);
      else if (ints.includes(f)) {
        assert.equal(length, 4);
        row.push(data.readInt32BE(at));
      } else row.push(data.subarray(at, at + length).toString("utf8"));
      at += Math.max(0, length);
    }
    rows.push(row);
  }
  assert.equal(at, data.length, "nothing after the trailer");
  return rows;
}

test("rows come out as the binary format states: int4, UTF-8 texts behind their byte length, null", () => {
  const out = new BinaryCopyRows(3);
  out.row().int(1).text("乡镇\t履职\\N\n").text(null);
  out.row().int(-2_147_483_648).text("").text(undefined);
  out.row().int(2_147_483_647).text("𠀀 emoji 😀").text("basic");
  assert.deepEqual(out.take(), [], "nothing handed over before a buffer fills");
  assert.deepEqual(read(Buffer.concat(out.end()), [0]), [
    [1, "乡镇\t履职\\N\n", null],
    [-2_147_483_648, "", null],
    [2_147_483_647, "𠀀 emoji 😀", "basic"],
  ]);
});

test("buffers are handed over as they fill, a text longer than one buffer in one piece", () => {
  const out = new BinaryCopyRows(2, 64);
  const long = "长".repeat(100);
  const rows: (number | string)[][] = [];
  const handed: Buffer[] = [];
  for (let i = 0; i < 20; i++) {
    const text = i === 7 ? long : `第${i}项`;
    out.row().int(i).text(text);
    rows.push([i, text]);
    handed.push(...out.take());
  }
  assert.ok(handed.length > 3, "several buffers before the end");
  assert.ok(
    handed.some((b) => b.length > 64),
    "the long text got a buffer of its own size",
  );
  handed.push(...out.end());
  assert.deepEqual(read(Buffer.concat(handed), [0]), rows);
});

test("a number an int4 cannot hold is refused, not wrapped", () => {
  const out = new BinaryCopyRows(1);
  assert.throws(() => out.row().int(2 ** 31), RangeError);
  assert.throws(() => out.row().int(1.5), RangeError);
});
