import path from "node:path";
import { describe, expect, it } from "vitest";
import { dineroHarness } from "../../simulators/dinero/dinero-harness";
import { dynaccountHarness } from "../../simulators/dynaccount/dynaccount-harness";
import { economicHarness } from "../../simulators/economic/economic-harness";
import { recordedFixture, recordTransferRequests } from "./recorded-requests";

/** Billy's recording belongs with its own template change. */
for (const harness of [dineroHarness, economicHarness, dynaccountHarness]) {
  const fixture = path.resolve(
    import.meta.dirname,
    `../../app/ledgers/${harness.provider}/fixtures/transfer-requests.json`,
  );

  describe(`${harness.provider}: what the adapter writes for one order`, () => {
    it("sends exactly the recorded requests (invoice, booking, payment, credit note, refund)", async () => {
      const sent = await recordTransferRequests(harness);
      expect(sent.length).toBeGreaterThan(3);
      expect(sent).toEqual(recordedFixture(fixture, () => sent));
    });
  });
}
