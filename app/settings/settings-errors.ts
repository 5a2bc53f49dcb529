import type { z } from "zod";

/** One problem with one settings field, ready for a form: `path` is dotted ("accounts.revenue.oss"). */
export interface SettingsFieldError {
  path: string;
  message: string;
}

export function formatFieldErrors(error: z.ZodError): SettingsFieldError[] {
  const result: SettingsFieldError[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      // One entry per unknown key, so the form can point at each typo.
      for (const key of issue.keys) {
        result.push({ path: base ? `${base}.${key}` : key, message: "Unknown setting" });
      }
      continue;
    }
    result.push({ path: base || "(root)", message: issue.message });
  }
  return result;
}

/** One line for a CLI or a log: "accounts.revenue.oss: OSS is enabled: …; version: …". */
export function summarizeFieldErrors(errors: readonly SettingsFieldError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join("; ");
}
