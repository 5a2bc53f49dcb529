import { billyHarness } from "../../app/ledgers/billy/billy-harness";
import { describeLedgerContract } from "./ledger-contract-suite";

describeLedgerContract(billyHarness);
