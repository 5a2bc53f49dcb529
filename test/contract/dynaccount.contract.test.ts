import { dynaccountHarness } from "../../simulators/dynaccount/dynaccount-harness";
import { describeLedgerContract } from "./ledger-contract-suite";

describeLedgerContract(dynaccountHarness);
