import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billyHarness } from "../../app/ledgers/billy/billy-harness";
import { dineroHarness } from "../../app/ledgers/dinero/dinero-harness";
import { dynaccountHarness } from "../../app/ledgers/dynaccount/dynaccount-harness";
import { economicHarness } from "../../app/ledgers/economic/economic-harness";
import type { LedgerHarness, StartedLedger } from "../contract/ledger-harness";
import { captureError, prepareRefs } from "../contract/ledger-contract-suite";
import { corpus } from "./corpus-cases";
import { corpusDraft, corpusSettings } from "./corpus-draft";

/**
 * The domestic corpus orders through every ledger simulator's create path, as the engine sends
 * them: the ledger computes its own figures from the lines and the adapter stops any document
 * whose gross differs from the draft; here the simulator's stored gross must equal the order's
 * total, and the draft's VAT per rate the order's own.
 */

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
        const draft = corpusDraft(c, c.payload, withLedger);
        expect(draft.totals.gross).toBe(c.expected.gross);
        const refs = await prepareRefs(ledger.adapter, draft);
        const unreachable = harness.provider === "economic" ? c.unreachableOn?.economic : undefined;
        if (unreachable) {
          const error = await captureError(() => ledger.adapter.createInvoice(draft, refs));
          expect(error.kind).toBe("validation");
          expect(error.message).toContain(String(c.expected.gross));
          return;
        }
        const invoice = await ledger.adapter.createInvoice(draft, refs);
        expect(invoice.totalGross).toBe(c.expected.gross);
        const stored = ledger.probe.documents().find((d) => d.id === invoice.id);
        expect(stored?.totalGross).toBe(c.expected.gross);
      });
    }
  });
}
