import { randomBytes } from "node:crypto";

/**
 * Known secret values ("canaries") and every form a leak could take: as given, base64,
 * base64url, hex and URL-encoded. A scan reports which canary turned up where.
 */
export class Canaries {
  private readonly values = new Map<string, string>();

  /** A fresh canary, recognisable in a dump: CANARY-<label>-<random>. */
  make(label: string): string {
    return this.add(label, `CANARY-${label}-${randomBytes(9).toString("hex")}`);
  }

  /** 40 hex characters (Dynaccount's key format). */
  hex40(label: string): string {
    return this.add(label, randomBytes(20).toString("hex"));
  }

  add(label: string, value: string): string {
    if (value.length < 12) throw new Error(`canary ${label} is too short to scan for`);
    this.values.set(label, value);
    return value;
  }

  /** A key given as base64 (ENCRYPTION_KEY): its raw bytes in any encoding count too. */
  addKey(label: string, base64: string): string {
    const raw = Buffer.from(base64, "base64");
    this.add(label, base64);
    this.values.set(`${label} (hex)`, raw.toString("hex"));
    this.values.set(`${label} (base64url)`, raw.toString("base64url"));
    return base64;
  }

  labels(): string[] {
    return [...this.values.keys()];
  }

  private forms(): Array<{ label: string; form: string }> {
    return [...this.values].flatMap(([label, value]) => {
      const bytes = Buffer.from(value, "utf8");
      const forms = [
        { label, form: value },
        { label: `${label} as base64`, form: bytes.toString("base64").replace(/=+$/, "") },
        { label: `${label} as base64url`, form: bytes.toString("base64url") },
        { label: `${label} as hex`, form: bytes.toString("hex") },
        { label: `${label} URL-encoded`, form: encodeURIComponent(value) },
      ];
      // One report per place: a form equal to an earlier one (URL-encoding plain text) is skipped.
      return forms.filter((entry, index) => forms.findIndex((other) => other.form === entry.form) === index);
    });
  }

  /** "<label> in <where>: …context…" for every canary form found in `text`. */
  scan(where: string, text: string): string[] {
    const found: string[] = [];
    const lower = text.toLowerCase();
    for (const { label, form } of this.forms()) {
      // Hex may be printed in either case.
      const at = /^[0-9a-f]+$/.test(form) ? lower.indexOf(form) : text.indexOf(form);
      if (at >= 0)
        found.push(`${label} in ${where}: …${text.slice(Math.max(0, at - 80), at + form.length + 40)}…`);
    }
    return found;
  }
}
