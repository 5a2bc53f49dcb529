import { z } from "zod";
import type { DineroTokenSet } from "./dinero-oauth";

/**
 * What a Dinero connection stores (encrypted) and how the settings page presents it.
 * Personal integration: client id + secret from Dinero plus the organisation's API key.
 * Public app: Visma Connect tokens obtained through the OAuth flow in dinero-oauth.ts.
 */

const nonEmpty = z.string().trim().min(1);

export const dineroApiKeyCredentialsSchema = z
  .object({ kind: z.literal("apiKey"), clientId: nonEmpty, clientSecret: nonEmpty, apiKey: nonEmpty })
  .strict();

export const dineroOAuthCredentialsSchema = z
  .object({
    kind: z.literal("oauth"),
    clientId: nonEmpty,
    clientSecret: nonEmpty,
    accessToken: nonEmpty,
    refreshToken: nonEmpty,
    /** Epoch milliseconds (an ISO date-time is accepted and converted). */
    expiresAt: z.union([
      z.number().int(),
      z.iso.datetime({ offset: true }).transform((value) => Date.parse(value)),
    ]),
  })
  .strict();

export const dineroCredentialsSchema = z.discriminatedUnion("kind", [
  dineroApiKeyCredentialsSchema,
  dineroOAuthCredentialsSchema,
]);

export type DineroStoredCredentials = z.infer<typeof dineroCredentialsSchema>;

export interface DineroCredentialHooks {
  /**
   * Called after Visma Connect rotated the tokens; the old refresh token no longer works, so the
   * caller must persist the new set before the next process start.
   */
  onTokensRefreshed?: (tokens: Required<DineroTokenSet>) => void | Promise<void>;
}

export type DineroCredentials = z.input<typeof dineroCredentialsSchema> & DineroCredentialHooks;

export interface CredentialField {
  key: string;
  label: string;
  secret: boolean;
  help: string;
}

export const dineroMeta = {
  id: "dinero",
  displayName: "Dinero",
  website: "https://dinero.dk",
  requirements:
    "A Dinero Pro or Total subscription: Dinero only opens its API to paying Pro organisations and closes it again if the subscription lapses. " +
    "For a personal integration you also need a client ID and secret from Dinero and an API key created in your organisation.",
  credentialFields: [
    {
      key: "clientId",
      label: "Client ID",
      secret: false,
      help: "Issued by Dinero for your personal integration (request it in Dinero under Integrationer, or from api@dinero.dk).",
    },
    {
      key: "clientSecret",
      label: "Client secret",
      secret: true,
      help: "Issued together with the client ID. Keep it private.",
    },
    {
      key: "apiKey",
      label: "API key",
      secret: true,
      help: "Create it in Dinero under Indstillinger → Integrationer → API-nøgler. It belongs to one organisation (firma).",
    },
  ] satisfies CredentialField[],
  // Dinero rounds each line's VAT on its own, then sums.
  vatRounding: "perLine",
} as const;
