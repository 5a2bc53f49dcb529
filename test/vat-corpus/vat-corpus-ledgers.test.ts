import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billyHarness } from "../../app/ledgers/billy/billy-harness";
import { dineroHarness } from "../../app/ledgers/dinero/dinero-harness";
import { dynaccountHarness } from "../../app/ledgers/dynaccount/dynaccount-harness";
import { economicHarness } from "../../app/ledgers/economic/economic-harness";
import type { LedgerHarness, StartedLedger } from "../contract/ledger-harness";
import { prepareRefs } from "../contract/ledger-contract-suite";
import { corpus } from "./corpus-cases";
import { corpusDraft, corpusSettings } from "./corpus-draft";

/**
 * The domestic corpus orders through every ledger simulator's create path, as the engine sends
 * them: the ledger computes its own figures from the lines and the adapter stops any document
 * whose gross differs from the draft; here the simulator's stored gross must equal the order's
 * total and its own VAT per rate the order's tax per rate — on a ledger rounding VAT per line
 * and on e-conomic, which rounds once per VAT code on the document's net.
 */

function withoutZeroRates(byRate: Record<number, number>): Record<number, number> {
  return Object.fromEntries(Object.entries(byRate).filter(([rate, vat]) => Number(rate) !== 0 || vat !== 0));
}

const harnesses: LedgerHarness[] = [dineroHarness, billyHarness, economicHarness, dynaccountHarness];

for (const harness of harnesses) {
  describe(`VAT corpus on the ${harness.provider} simulator`, () => {
    let ledger: StartedLedger;
    beforeAll(async () => {
      ledger = await harness.start();
    });
    afterAll(async () => {
      await ledger.close();
    });

    for (const c of corpus.filter((k) => k.ledgers)) {
      it(c.name, async () => {
        const { sales, salesNoVat, rounding, deposit } = harness.accounts;
        const settings = corpusSettings(c, {
          revenue: { domestic: sales, exempt: salesNoVat },
          shipping: { domestic: sales, exempt: salesNoVat },
          tips: salesNoVat,
        });
        const withLedger = {
          ...settings,
          rounding: { account: rounding },
          payments: { defaultDepositAccount: deposit },
          transfer: { products: "none" },
        };
        // Laid out for the ledger's own VAT rounding, as the engine builds it.
        const draft = corpusDraft(c, c.payload, withLedger, ledger.adapter.vatRounding);
        expect(draft.totals.gross).toBe(c.expected.gross);
        const refs = await prepareRefs(ledger.adapter, draft);
        const invoice = await ledger.adapter.createInvoice(draft, refs);
        expect(invoice.totalGross).toBe(c.expected.gross);
        const stored = ledger.probe.documents().find((d) => d.id === invoice.id);
        expect(stored?.totalGross).toBe(c.expected.gross);
        // The ledger's own VAT per rate, as it computed it from the lines: the order's.
        expect(stored?.vatByRate).toEqual(withoutZeroRates(c.expected.vatByRate));
        // A rounding line only where the ledger cannot represent the gross, and then explained.
        const roundingLines = draft.lines.filter((l) => l.kind === "rounding");
        const expectedRounding = c.expected.rounding?.[ledger.adapter.vatRounding] ?? 0;
        expect(roundingLines.reduce((a, l) => a + l.gross, 0)).toBe(expectedRounding);
        expect(roundingLines.every((l) => l.vat === 0 && l.account === withLedger.rounding.account)).toBe(
          true,
        );
        expect((draft.explanations ?? []).length > 0).toBe(expectedRounding !== 0);
      });
    }
  });
}
