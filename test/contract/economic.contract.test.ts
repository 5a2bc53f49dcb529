import { economicHarness } from "../../simulators/economic/economic-harness";
import { describeLedgerContract } from "./ledger-contract-suite";

describeLedgerContract(economicHarness);
