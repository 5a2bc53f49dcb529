import { dineroHarness } from "../../app/ledgers/dinero/dinero-harness";
import { describeLedgerContract } from "./ledger-contract-suite";

describeLedgerContract(dineroHarness);
