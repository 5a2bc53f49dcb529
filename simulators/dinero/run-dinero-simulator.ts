import { DINERO_SIMULATOR_DEFAULTS, startDineroSimulator } from "./dinero-simulator";

/**
 * Serves the Dinero simulator for a demo: `npx tsx simulators/dinero/run-dinero-simulator.ts`.
 * Ports come from DINERO_SIM_PORT / DINERO_SIM_AUTH_PORT (defaults 4701 / 4702); request-body
 * validation against the OpenAPI document is on unless DINERO_SIM_VALIDATE=0.
 */
const port = Number(process.env.DINERO_SIM_PORT ?? 4701);
const authPort = Number(process.env.DINERO_SIM_AUTH_PORT ?? 4702);

const simulator = await startDineroSimulator({
  port,
  authPort,
  validateRequests: process.env.DINERO_SIM_VALIDATE !== "0",
});
const defaults = DINERO_SIMULATOR_DEFAULTS;
process.stdout.write(`Dinero simulator
  API (api.dinero.dk):          ${simulator.url}
  Auth (authz / Visma Connect): ${simulator.authUrl}
  Organisation:                 ${defaults.organizationId} (${defaults.organizationName})
  Personal integration:         clientId=${defaults.personalClient.clientId} clientSecret=${defaults.personalClient.clientSecret} apiKey=${defaults.apiKey}
  Visma Connect app:            clientId=${defaults.vismaClient.clientId} clientSecret=${defaults.vismaClient.clientSecret}\n`);

const stop = () => {
  void simulator.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
