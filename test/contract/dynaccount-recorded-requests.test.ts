import path from "node:path";
import { describe, expect, it } from "vitest";
import { dynaccountHarness } from "../../app/ledgers/dynaccount/dynaccount-harness";
import { recordedFixture, recordTransferRequests } from "./recorded-requests";

const FIXTURE = path.resolve(
  import.meta.dirname,
  "../../app/ledgers/dynaccount/fixtures/transfer-requests.json",
);

describe("dynaccount: what the adapter writes for one order", () => {
  it("sends exactly the recorded requests (invoice, booking, payment, credit note, refund)", async () => {
    const sent = await recordTransferRequests(dynaccountHarness);
    expect(sent.length).toBeGreaterThan(3);
    expect(sent).toEqual(recordedFixture(FIXTURE, () => sent));
  });
});
