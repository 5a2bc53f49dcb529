import { startEconomicSimulator } from "./economic-simulator";

/**
 * Starts the e-conomic simulator for the demo: `npx tsx simulators/economic/run-economic-simulator.ts [port]`.
 * Point the adapter's apiBaseUrl and authBaseUrl at the printed URL.
 */
const port = Number(process.argv[2] ?? process.env.ECONOMIC_SIMULATOR_PORT ?? 4012);
const simulator = await startEconomicSimulator({ port });
process.stdout.write(
  [
    `e-conomic simulator on ${simulator.url}`,
    `  X-AppSecretToken:      ${simulator.tokens.appSecretToken}`,
    `  X-AgreementGrantToken: ${simulator.tokens.agreementGrantToken}`,
    `  installation page:     ${simulator.url}/secure/api1/requestaccess.aspx?appPublicToken=${simulator.state.agreement.application.appPublicToken}&redirectUrl=<your callback>`,
    "",
  ].join("\n"),
);
const stop = () => void simulator.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
