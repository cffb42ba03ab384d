/**
 * Whether an OLE compound file (.xls, .et, .doc, .wps) is whole, read from its own structure before it is
 * handed to LibreOffice: a damaged or cut-off .xls is otherwise read by LibreOffice as a page of text, and
 * its bytes come back as a "sheet" of garbage. Checked: the header, the sector allocation table, the
 * directory, and that every stream's chain of sectors lies inside the file (so a truncated download,
 * the commonest damage, is caught). Bounded by the file's size; nothing is decompressed or interpreted.
 */

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
/** Sector numbers above this are markers (free, end of chain, FAT, DIFAT), not sectors. */
const MAX_SECTOR = 0xfffffffa;
const HEADER_DIFAT = 109;
const ENTRY = 128;

/** A compound file as far as it was read: its stream names, or what is wrong with it (in Chinese). */
export type CompoundCheck = { ok: true; streams: string[] } | { ok: false; problem: string };

const broken = (problem: string): CompoundCheck => ({ ok: false, problem });

/** Checks the structure of a compound file (see the module comment). */
export function checkCompound(bytes: Uint8Array): CompoundCheck {
  if (bytes.length < 512 || SIGNATURE.some((b, i) => bytes[i] !== b)) return broken("文件头不完整");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const shift = u16(0x1e);
  if (u16(0x1c) !== 0xfffe || (shift !== 9 && shift !== 12)) return broken("文件头异常");
  const size = 1 << shift;
  // Sector n starts at (n + 1) × size; a last sector cut short by its writer still counts.
  const sectors = Math.ceil((bytes.length - size) / size);
  const inFile = (n: number) => n < sectors;
  const truncated = broken("文件结构已损坏或不完整，例如下载、复制时被截断");

  // The sectors of the allocation table: 109 named in the header, the rest in a chain of DIFAT sectors.
  const fatCount = u32(0x2c);
  if (fatCount === 0 || fatCount > sectors) return truncated;
  const fatSectors: number[] = [];
  for (let i = 0; i < Math.min(fatCount, HEADER_DIFAT); i++) fatSectors.push(u32(0x4c + 4 * i));
  let difat = u32(0x44);
  for (let hops = 0; fatSectors.length < fatCount; hops++) {
    if (difat > MAX_SECTOR || !inFile(difat) || hops > sectors) return truncated;
    const at = (difat + 1) * size;
    for (let i = 0; i < size / 4 - 1 && fatSectors.length < fatCount; i++) fatSectors.push(u32(at + 4 * i));
    difat = u32(at + size - 4);
  }
  if (fatSectors.some((n) => !inFile(n))) return truncated;
  const fat = (n: number) => u32((fatSectors[Math.floor(n / (size / 4))]! + 1) * size + 4 * (n % (size / 4)));
  const fatEntries = fatCount * (size / 4);

  /**
   * The first `limit` sectors of the chain from `start` (fewer when it ends before), or null when it
   * leaves the file or the table.
   */
  const chain = (start: number, limit: number): number[] | null => {
    const found: number[] = [];
    for (let n = start; n !== END_OF_CHAIN && found.length < limit; n = fat(n)) {
      if (n > MAX_SECTOR || n >= fatEntries || !inFile(n)) return null;
      found.push(n);
    }
    return found;
  };

  const directory = chain(u32(0x30), sectors);
  if (!directory || directory.length === 0) return truncated;
  const cutoff = u32(0x38);
  const streams: string[] = [];
  let rootSize = 0;
  for (const [i, sector] of directory.entries()) {
    for (let at = (sector + 1) * size; at + ENTRY <= (sector + 2) * size; at += ENTRY) {
      const type = bytes[at + 0x42];
      if (type === 0) continue;
      if (type !== 1 && type !== 2 && type !== 5) return broken("目录已损坏");
      const nameBytes = u16(at + 0x40);
      if (nameBytes > 64 || nameBytes % 2 !== 0) return broken("目录已损坏");
      const name = Buffer.from(bytes.subarray(at, at + Math.max(0, nameBytes - 2))).toString("utf16le");
      const start = u32(at + 0x74);
      // Version 3 files keep only the low 32 bits; some writers leave garbage in the high ones.
      const length = shift === 9 ? u32(at + 0x78) : u32(at + 0x78) + u32(at + 0x7c) * 2 ** 32;
      if (i === 0 && at === (sector + 1) * size && type !== 5) return broken("目录已损坏");
      if (type === 5) rootSize = length;
      if (type === 1) continue;
      if (type === 2) streams.push(name);
      // The root's data is the mini stream; small streams live inside it, large ones in sectors of their own.
      const large = type === 5 || length >= cutoff;
      if (large && length > 0) {
        const needed = Math.ceil(length / size);
        const own = chain(start, needed);
        // The stream's last bytes, too, must be in the file (its last sector may be the file's, cut short).
        const last = own?.at(-1);
        if (!own || last === undefined || own.length < needed) return truncated;
        if ((last + 1) * size + (length - (needed - 1) * size) > bytes.length) return truncated;
      } else if (length > 0 && (start === FREE || start * 64 >= rootSize)) {
        return truncated;
      }
    }
  }
  return { ok: true, streams };
}
