import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoActionResult } from "../../demo/demo-actions.server";
import type { DemoOverview } from "../../demo/demo-overview.server";
import type { LedgerProviderId } from "../../app/ledgers/ledger-contract";
import type { DemoApp } from "../support/demo-app";
import { demoOnPostgres as onPostgres, startDemoApp } from "../support/demo-app";

const WAIT_MS = 100_000;
const TEST_MS = 150_000;

/**
 * The demo's "Create today's payout", end to end per ledger: a real app process with DEMO_LEDGER;
 * the day's transferred card orders (and a refund) become one Shopify Payments payout in the
 * Shopify simulator, the app syncs and books it, and the clearing account — read from the ledger
 * simulator's own books — is back at 0.00.
 */
describe.each<LedgerProviderId>(["billy", "dinero", "economic", "dynaccount"])(
  `the demo's payout with DEMO_LEDGER=%s (${onPostgres ? "PostgreSQL" : "PGlite"})`,
  (provider) => {
    let demo: DemoApp;
    beforeAll(async () => {
      demo = await startDemoApp({ DEMO_LEDGER: provider });
    }, 320_000);
    afterAll(async () => {
      await demo?.close();
    });

    const press = async (fields: Record<string, string>, status = 200): Promise<DemoActionResult> => {
      const answer = await demo.press(fields);
      expect(answer.status, JSON.stringify(answer.result)).toBe(status);
      return answer.result;
    };
    const waitFor = async <T>(what: string, pick: (page: DemoOverview) => T | undefined): Promise<T> => {
      const deadline = Date.now() + WAIT_MS;
      let last: DemoOverview | undefined;
      while (Date.now() < deadline) {
        last = await demo.overview();
        const found = pick(last);
        if (found !== undefined) return found;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(
        `timed out waiting for ${what}:\n${JSON.stringify(last, null, 2)}\n${demo.app.output()}`,
      );
    };

    it(
      "pays out the day's transferred card orders as one booked payout, and the clearing account nets to zero",
      async () => {
        // Nothing transferred yet: there is nothing for Shopify Payments to pay out.
        expect(await press({ intent: "createPayout" }, 409)).toMatchObject({
          ok: false,
          message: "demo.result.payout.nothingToPayOut",
        });

        await press({ intent: "createPaid" });
        await press({ intent: "reconcile" });
        const transferred = await waitFor("every order transferred", (page) =>
          page.orders.length === 4 && page.orders.every((row) => row.invoice?.status === "succeeded")
            ? page
            : undefined,
        );
        const newest = transferred.orders[0];
        await press({ intent: "refund", orderId: newest?.orderId ?? "" });
        await waitFor("the refund's credit note", (page) =>
          page.orders[0]?.creditNotes[0]?.status === "succeeded" ? true : undefined,
        );

        const created = await press({ intent: "createPayout" });
        expect(created.message).toBe("demo.result.payoutCreated");
        const payout = await waitFor("the booked payout", (page) =>
          page.payout?.status === "succeeded" ? page.payout : undefined,
        );
        expect(payout.payoutId).toBe(created.vars.payout);
        expect(payout.voucherNumber).toBeTruthy();
        expect(payout.fees).toBeGreaterThan(0);
        expect(payout.net).toBe(payout.gross - payout.fees);
        expect(payout.matchedOrders).toBe(payout.orders);
        expect(payout.orders).toBeGreaterThanOrEqual(2);
        expect(payout.clearingBalance).toBe(0);

        // Everything transferred is paid out now: a second press finds nothing, books nothing.
        expect((await press({ intent: "createPayout" }, 409)).message).toBe(
          "demo.result.payout.nothingToPayOut",
        );
        expect((await demo.overview()).payout?.payoutId).toBe(payout.payoutId);
      },
      TEST_MS,
    );
  },
);
