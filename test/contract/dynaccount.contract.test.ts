import { dynaccountHarness } from "../../app/ledgers/dynaccount/dynaccount-harness";
import { describeLedgerContract } from "./ledger-contract-suite";

describeLedgerContract(dynaccountHarness);
