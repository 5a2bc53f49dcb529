import { formatScaled, parseScaled } from "../domain/decimal";
import type { DocumentDraft } from "../domain/invoice-draft";

/**
 * The shop platform's own rate for a document in a foreign currency, as `per` units of the
 * document's currency cost in the ledger's base currency (e-conomic quotes per 100, Billy per 1),
 * with at most `decimals` decimals. Only when the draft's rate is exactly that pair — a rate to
 * another currency than the ledger's books are kept in says nothing about them, and the ledger
 * then uses its own daily rate.
 */
export function ledgerExchangeRate(
  draft: Pick<DocumentDraft, "currency" | "exchangeRate">,
  baseCurrency: string,
  quote: { per: 1 | 100; decimals: number },
): number | undefined {
  const rate = draft.exchangeRate;
  if (!rate || draft.currency === baseCurrency) return undefined;
  if (rate.from !== draft.currency || rate.to !== baseCurrency) return undefined;
  // "Per 100" moves the decimal point two places: the rate scaled by 10^(decimals + 2) is the
  // quote scaled by 10^decimals, rounded half up once and exactly.
  const shift = quote.per === 100 ? 2 : 0;
  const scaled = parseScaled(rate.rate, quote.decimals + shift, "halfUp");
  return scaled > 0 ? Number(formatScaled(scaled, quote.decimals, true)) : undefined;
}
