import { startBillySimulator } from "./billy-simulator";

/**
 * Runs the Billy simulator for a demo: `npx tsx simulators/billy/run-billy-simulator.ts`.
 * BILLY_SIM_PORT and BILLY_SIM_TOKEN override the port (default 4302) and the access token.
 */
const simulator = await startBillySimulator({
  port: Number(process.env.BILLY_SIM_PORT ?? 4302),
  ...(process.env.BILLY_SIM_TOKEN ? { accessToken: process.env.BILLY_SIM_TOKEN } : {}),
});
process.stdout.write(
  `Billy simulator listening on ${simulator.apiBaseUrl}\nX-Access-Token: ${simulator.accessToken}\n`,
);

const stop = () => {
  void simulator.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
