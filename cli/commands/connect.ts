import { connectLedger } from "../../app/onboarding/connect-ledger.server";
import { demoCredentials } from "../../demo/demo-credentials";
import { isLedgerProviderId, LEDGER_PROVIDER_IDS } from "../../app/ledgers/registry";
import type { CliIo } from "../cli-io";
import { flags, openDatabase, requireShop, UsageError } from "../cli-support";

export const CONNECT_USAGE =
  "usage: ledger-bridge connect --shop S --provider dinero|billy|economic|dynaccount " +
  "(--credentials-file F | --demo) [--organisation ID]\n" +
  '  --credentials-file  JSON with the ledger\'s keys, e.g. {"accessToken": "…"} for Billy\n' +
  "  --demo              the keys the ledger's simulator accepts (set its *_BASE_URL to the simulator)\n" +
  "  --organisation      the company to book in, when the keys reach several";

/**
 * `ledger-bridge connect`: the onboarding page's use case from the command line — checks the
 * keys against the ledger, stores them sealed, and proposes settings when the shop has none.
 */
export async function runConnect(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, {
    shop: { type: "string" },
    provider: { type: "string" },
    "credentials-file": { type: "string" },
    demo: { type: "boolean" },
    organisation: { type: "string" },
  });
  const provider = values.provider;
  if (!provider || !isLedgerProviderId(provider)) {
    throw new UsageError(
      `${provider ? `Unknown ledger "${provider}" (one of ${LEDGER_PROVIDER_IDS.join(", ")})` : "--provider is required"}\n${CONNECT_USAGE}`,
    );
  }
  const file = values["credentials-file"];
  if (Boolean(file) === Boolean(values.demo)) {
    throw new UsageError(`Give exactly one of --credentials-file and --demo\n${CONNECT_USAGE}`);
  }
  let credentials: unknown;
  if (file) {
    try {
      credentials = JSON.parse(await io.readFile(file));
    } catch (error) {
      io.stderr(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      return 2;
    }
  } else {
    credentials = demoCredentials(provider);
  }
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  const result = await connectLedger(db, shop, {
    provider,
    credentials,
    organisationId: values.organisation,
  });
  switch (result.status) {
    case "connected":
      io.stdout(
        `Connected ${shop.domain} to ${provider}${result.organisation ? ` (${result.organisation.name}, ${result.organisation.id})` : ""}.` +
          (result.settingsProposed
            ? " Proposed settings from the ledger's accounts; review them with `settings get`."
            : ""),
      );
      return 0;
    case "invalidInput":
      io.stderr(result.problems.map((p) => `${p.field}: ${p.message}`).join("\n"));
      return 2;
    case "ledgerError":
      io.stderr(`${provider} refused the connection: ${result.problem.message}`);
      return 1;
    case "chooseOrganisation":
    case "unknownOrganisation":
      io.stderr(
        `${result.status === "unknownOrganisation" ? `No organisation "${values.organisation}". ` : ""}` +
          `Choose one with --organisation:\n${result.organisations.map((o) => `  ${o.id}  ${o.name}`).join("\n")}`,
      );
      return 2;
  }
}
