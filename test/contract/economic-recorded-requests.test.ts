import path from "node:path";
import { describe, expect, it } from "vitest";
import { economicHarness } from "../../app/ledgers/economic/economic-harness";
import { recordedFixture, recordTransferRequests } from "./recorded-requests";

const FIXTURE = path.resolve(
  import.meta.dirname,
  "../../app/ledgers/economic/fixtures/transfer-requests.json",
);

describe("economic: what the adapter writes for one order", () => {
  it("sends exactly the recorded requests (invoice, booking, payment, credit note, refund)", async () => {
    const sent = await recordTransferRequests(economicHarness);
    expect(sent.length).toBeGreaterThan(3);
    expect(sent).toEqual(recordedFixture(FIXTURE, () => sent));
  });
});
