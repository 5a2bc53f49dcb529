import path from "node:path";
import { describe, expect, it } from "vitest";
import { dineroHarness } from "../../app/ledgers/dinero/dinero-harness";
import { recordedFixture, recordTransferRequests } from "./recorded-requests";

const FIXTURE = path.resolve(import.meta.dirname, "../../app/ledgers/dinero/fixtures/transfer-requests.json");

describe("dinero: what the adapter writes for one order", () => {
  it("sends exactly the recorded requests (invoice, booking, payment, credit note, refund)", async () => {
    const sent = await recordTransferRequests(dineroHarness);
    expect(sent.length).toBeGreaterThan(3);
    expect(sent).toEqual(recordedFixture(FIXTURE, () => sent));
  });
});
