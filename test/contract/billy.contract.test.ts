import { billyHarness } from "../../simulators/billy/billy-harness";
import { describeLedgerContract } from "./ledger-contract-suite";

describeLedgerContract(billyHarness);
