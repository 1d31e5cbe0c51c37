// The config file's `report` section: how the morning report's PDF is printed.
import { z } from 'zod';

export const reportFileSchema = z.strictObject({
  chromiumPath: z.string().min(1).optional(),
  pdfTimeoutMs: z.number().int().min(1000).max(300_000).optional(),
});

export interface ReportConfig {
  /** The Chromium the PDF printer launches (GET /api/v1/report.pdf). @default "/usr/bin/chromium" (env CHROMIUM_PATH) */
  chromiumPath: string;
  /** How long one PDF may take to print (launch, load, draw, print), in ms; then 503. @default 30000 */
  pdfTimeoutMs: number;
}

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export function reportConfig(file: z.infer<typeof reportFileSchema> | undefined, envChromium: string | undefined): ReportConfig {
  return { chromiumPath: envChromium || file?.chromiumPath || DEFAULT_CHROMIUM_PATH, pdfTimeoutMs: file?.pdfTimeoutMs ?? 30_000 };
}
