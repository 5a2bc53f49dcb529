import { DEMO_DYNACCOUNT_COMPANY, startDynaccountSimulator } from "./dynaccount-simulator";

/** Demo: `npx tsx simulators/dynaccount/run-dynaccount-simulator.ts` (PORT to pick one). */
const port = Number(process.env.PORT ?? 4104);
const simulator = await startDynaccountSimulator({ port });
process.stdout.write(
  `Dynaccount simulator (${DEMO_DYNACCOUNT_COMPANY.name}) on ${simulator.url}\n` +
    `API ID ${simulator.company.apiId}\nAPI key ${simulator.company.apiKey}\nAPI secret ${simulator.company.apiSecret}\n`,
);
const stop = () => {
  void simulator.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
