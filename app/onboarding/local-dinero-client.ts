/**
 * The Visma Connect client the local demo uses when none is configured. The app owns it and the
 * Dinero simulator registers it, so shipped code never imports a simulator.
 */
export const LOCAL_DINERO_OAUTH_CLIENT = {
  clientId: "isv_ledger_bridge",
  clientSecret: "sim-visma-secret",
} as const;
