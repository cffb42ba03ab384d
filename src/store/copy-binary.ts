/**
 * Rows in PostgreSQL's binary COPY format, written straight into large buffers: each text is encoded to
 * UTF-8 once, in place, behind its byte length, and integers are four bytes. The text format made a string
 * per row, joined them into chunks and encoded those (half of a bulk import's time in node), and made the
 * server split and unescape every line.
 *
 * Format (PostgreSQL docs, "COPY … Binary Format"): a signature, flags and header extension; per row the
 * number of fields (int16), then per field its length in bytes (int32; -1 for null) and its bytes; -1
 * (int16) at the end. Integers go as int4, so they suit `integer` columns only; texts as UTF-8 (the client
 * encoding lvzhi connects with).
 */

/** "PGCOPY\n\377\r\n\0", no flags (no OIDs), no header extension. */
const HEADER = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
/** The int16 -1 that ends the data. */
const TRAILER = Buffer.from([0xff, 0xff]);

/** Bytes per buffer handed to the connection. */
export const COPY_CHUNK = 1 << 20;

/** Writes rows of `columns` fields; `take` hands over the buffers filled so far. */
export class BinaryCopyRows {
  private buffer: Buffer;
  private at: number;
  private readonly filled: Buffer[] = [];

  constructor(
    private readonly columns: number,
    private readonly chunk = COPY_CHUNK,
  ) {
    this.buffer = Buffer.allocUnsafe(chunk);
    this.at = HEADER.copy(this.buffer, 0);
  }

  /** Starts a row; exactly `columns` fields must follow. */
  row(): this {
    this.room(2);
    this.at = this.buffer.writeInt16BE(this.columns, this.at);
    return this;
  }

  /** An int4 field (throws for a number outside its range, or not an integer); null and undefined are SQL null. */
  int(value: number | null | undefined): this {
    if (value === null || value === undefined) return this.null();
    // writeInt32BE checks the range but would cut a fraction off silently.
    if (!Number.isInteger(value)) throw new RangeError(`not an integer for an int4 column: ${value}`);
    this.room(8);
    this.at = this.buffer.writeInt32BE(4, this.at);
    this.at = this.buffer.writeInt32BE(value, this.at);
    return this;
  }

  /** A text field; null and undefined are SQL null. */
  text(value: string | null | undefined): this {
    if (value === null || value === undefined) return this.null();
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    this.room(4 + 3 * value.length);
    const bytes = this.buffer.write(value, this.at + 4, "utf8");
    this.buffer.writeInt32BE(bytes, this.at);
    this.at += 4 + bytes;
    return this;
  }

  private null(): this {
    this.room(4);
    this.at = this.buffer.writeInt32BE(-1, this.at);
    return this;
  }

  /** The buffers filled so far (none until one is full). */
  take(): Buffer[] {
    return this.filled.splice(0);
  }

  /** Ends the data: the remaining buffers, the last one with the trailer. */
  end(): Buffer[] {
    this.room(TRAILER.length);
    this.at += TRAILER.copy(this.buffer, this.at);
    this.filled.push(this.buffer.subarray(0, this.at));
    this.buffer = Buffer.alloc(0);
    this.at = 0;
    return this.take();
  }

  /** Makes room for `bytes` in the current buffer, handing it over and starting another when full. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    if (this.at > 0) this.filled.push(this.buffer.subarray(0, this.at));
    this.buffer = Buffer.allocUnsafe(Math.max(this.chunk, bytes));
    this.at = 0;
  }
}
