import { dineroHarness } from "../../simulators/dinero/dinero-harness";
import { describeLedgerContract } from "./ledger-contract-suite";

describeLedgerContract(dineroHarness);
