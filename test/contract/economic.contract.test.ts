import { economicHarness } from "../../app/ledgers/economic/economic-harness";
import { describeLedgerContract } from "./ledger-contract-suite";

describeLedgerContract(economicHarness);
