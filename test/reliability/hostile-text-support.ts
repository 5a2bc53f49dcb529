import type { LedgerProviderId } from "../../app/ledgers/ledger-contract";

/**
 * Characters a request to a ledger must never carry: C0 controls other than tab, line feed and
 * carriage return, U+FFFE/U+FFFF, and unpaired surrogates.
 */
export const UNSENDABLE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Records the text of every request the app sends to a ledger simulator (JSON strings and keys,
 * form fields, query values), by wrapping globalThis.fetch, so a test can see what each ledger
 * received whatever its wire format.
 */
export function ledgerRequestRecorder() {
  const bases: Array<{ provider: LedgerProviderId; base: string }> = [];
  const texts = new Map<LedgerProviderId, string[]>();
  const original = globalThis.fetch;
  const recording: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const provider = bases.find((entry) => url.startsWith(entry.base))?.provider;
    if (provider) {
      const list = texts.get(provider) ?? [];
      texts.set(provider, list);
      for (const value of new URL(url).searchParams.values()) list.push(value);
      if (typeof init?.body === "string") list.push(...textsOfBody(init.body));
    }
    return original(input, init);
  };
  return {
    watch(provider: LedgerProviderId, urls: string[]) {
      for (const base of urls) if (base.startsWith("http")) bases.push({ provider, base });
    },
    install() {
      globalThis.fetch = recording;
    },
    uninstall() {
      globalThis.fetch = original;
    },
    textsSentTo(provider: LedgerProviderId): string[] {
      return texts.get(provider) ?? [];
    },
  };
}

function textsOfBody(body: string): string[] {
  try {
    const out: string[] = [];
    collectStrings(JSON.parse(body), out);
    return out;
  } catch {
    return [...new URLSearchParams(body).values()];
  }
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (value !== null && typeof value === "object") {
    for (const [key, member] of Object.entries(value)) {
      out.push(key);
      collectStrings(member, out);
    }
  }
}
