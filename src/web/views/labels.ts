/** Chinese labels the pages share. */
import type { EditionStatus } from "../../store/types.ts";

export const STATUS_LABELS: Record<EditionStatus, string> = {
  draft: "草稿",
  review: "审核中",
  published: "已发布",
  superseded: "已被替代",
};
