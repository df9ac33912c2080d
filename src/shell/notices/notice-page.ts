/** Writes a notice as a printable HTML page (the person's copy on paper, or for the case file). */
import { writeFile } from "node:fs/promises";
import type { Notice } from "../../core/notices/compose-notice.ts";
import { renderNoticeHtml } from "../../core/notices/render-notice.ts";

export async function writeNoticePage(path: string, notice: Notice): Promise<void> {
  await writeFile(path, renderNoticeHtml(notice), { encoding: "utf8", mode: 0o600 });
}
