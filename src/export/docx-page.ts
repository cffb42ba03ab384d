/**
 * What every lvzhi Word document shares: the fonts Word and WPS both map (仿宋_GB2312 for prose, 宋体 for
 * tables, 黑体 for titles, Times New Roman for Latin and digits), A4 in twips, and the page — margins,
 * orientation and the centred 「— N —」 page number of official documents.
 */
import {
  AlignmentType,
  Document,
  Footer,
  type IParagraphStyleOptions,
  type IRunOptions,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type Table,
  TextRun,
} from "docx";

/** Fonts: eastAsia for Chinese, Times New Roman for Latin and digits. */
function font(eastAsia: string): IRunOptions["font"] {
  return {
    ascii: "Times New Roman",
    hAnsi: "Times New Roman",
    cs: "Times New Roman",
    eastAsia,
    hint: "eastAsia",
  };
}

export const PROSE = font("仿宋_GB2312");
export const TABLE = font("宋体");
export const TITLE = font("黑体");

/** A4 in twips (portrait measures; the landscape flag swaps them). */
export const A4 = { width: 11906, height: 16838 };

export interface OfficialPage {
  title: string;
  /** Margin on every side, in twips. */
  margin: number;
  landscape?: boolean;
  paragraphStyles?: IParagraphStyleOptions[];
  children: (Paragraph | Table)[];
}

/** The document as .docx bytes: one section, prose font by default, page numbers in the footer. */
export function officialDocx(page: OfficialPage): Promise<Buffer> {
  const { margin } = page;
  const document = new Document({
    creator: "lvzhi",
    title: page.title,
    styles: {
      default: { document: { run: { font: PROSE, size: 21 } } },
      ...(page.paragraphStyles ? { paragraphStyles: page.paragraphStyles } : {}),
    },
    sections: [
      {
        properties: {
          page: {
            size: page.landscape ? { ...A4, orientation: PageOrientation.LANDSCAPE } : A4,
            margin: { top: margin, bottom: margin, left: margin, right: margin },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: TABLE, size: 21 }),
                ],
              }),
            ],
          }),
        },
        children: page.children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
