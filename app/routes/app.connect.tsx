import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Button, Layout, Page, Text } from "@shopify/polaris";
import { useState } from "react";
import { z } from "zod";
import { requireAdmin } from "../auth/admin-context.server";
import { prisma } from "../db/prisma.server";
import { useTranslation } from "../i18n/use-translation";
import { isLedgerProviderId } from "../ledgers/registry";
import {
  chooseOrganisation,
  connectLedger,
  describeConnection,
  disconnectLedger,
  organisationsOfConnection,
  verifyLedgerCredentials,
} from "../onboarding/connect-ledger.server";
import {
  dineroOAuthClient,
  dineroRedirectUri,
  startDineroConnect,
} from "../onboarding/dinero-connect.server";
import { ledgerChoices } from "../onboarding/ledger-choices";
import { credentialsFromFields } from "../onboarding/ledger-credentials";
import { ChooseOrganisationCard } from "../onboarding/ui/choose-organisation-card";
import { ConnectionCard } from "../onboarding/ui/connection-card";
import { LedgerConnectForm } from "../onboarding/ui/ledger-connect-form";
import type { ConnectActionData } from "../onboarding/connect-results";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const db = prisma();
  const connection = await describeConnection(db, shop);
  const organisations =
    connection && !connection.organisationId ? await organisationsOfConnection(db, shop) : null;
  return {
    connection,
    organisations,
    ledgers: ledgerChoices(),
    dineroOAuth: dineroOAuthClient() !== null,
  };
};

const providerField = z.string().refine(isLedgerProviderId, "unknown ledger");
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("test"), provider: providerField }),
  z.object({ intent: z.literal("save"), provider: providerField, organisationId: z.string().optional() }),
  z.object({ intent: z.literal("dinero") }),
  z.object({ intent: z.literal("organisation"), organisationId: z.string().min(1) }),
  z.object({ intent: z.literal("disconnect") }),
]);

export const action = async ({ request }: ActionFunctionArgs): Promise<Response> => {
  const { shop, locale } = await requireAdmin(request);
  const form = Object.fromEntries(
    [...(await request.formData()).entries()].map(([key, value]) => [key, String(value)]),
  );
  const parsed = actionSchema.safeParse(form);
  if (!parsed.success) return Response.json({ message: "Unknown request" }, { status: 400 });
  const input = parsed.data;
  const db = prisma();
  const credentialFields = Object.fromEntries(
    Object.entries(form).flatMap(([key, value]) =>
      key.startsWith("credential.") ? [[key.slice("credential.".length), value]] : [],
    ),
  );
  const reply = (data: ConnectActionData, status = 200) => Response.json(data, { status });

  switch (input.intent) {
    case "test":
    case "save": {
      if (!isLedgerProviderId(input.provider))
        return reply({ intent: input.intent, status: "badRequest" }, 400);
      const credentials = credentialsFromFields(input.provider, credentialFields);
      if (!credentials.ok) {
        return reply({ intent: input.intent, status: "invalidInput", problems: credentials.problems }, 422);
      }
      if (input.intent === "test") {
        const result = await verifyLedgerCredentials(input.provider, credentials.credentials);
        return reply({ intent: "test", ...result }, result.status === "ok" ? 200 : 422);
      }
      const result = await connectLedger(db, shop, {
        provider: input.provider,
        credentials: credentials.credentials,
        organisationId: input.organisationId || undefined,
      });
      if (result.status === "connected") {
        return redirect(result.settingsProposed ? "/app/settings?proposed=1" : "/app/connect?connected=1");
      }
      return reply({ intent: "save", ...result }, 422);
    }
    case "dinero": {
      const started = startDineroConnect(shop, dineroRedirectUri(request.url), locale);
      return "authorizeUrl" in started
        ? reply({ intent: "dinero", authorizeUrl: started.authorizeUrl })
        : reply({ intent: "dinero", status: "unavailable" }, 409);
    }
    case "organisation": {
      const result = await chooseOrganisation(db, shop, input.organisationId);
      if (result.status === "connected") {
        return redirect(result.settingsProposed ? "/app/settings?proposed=1" : "/app/connect?connected=1");
      }
      return reply({ intent: "organisation", ...result }, 422);
    }
    case "disconnect":
      await disconnectLedger(db, shop);
      return redirect("/app/connect?disconnected=1");
  }
};

export default function ConnectPage() {
  const { connection, organisations, ledgers, dineroOAuth } = useLoaderData<typeof loader>();
  // Plain JSON data, exactly the declared shape (no dates or classes to lose in transit).
  const actionData = useActionData() as ConnectActionData | undefined;
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const [changing, setChanging] = useState(false);
  const showForm = !connection || changing;

  return (
    <Page title={t("onboarding.title")}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {searchParams.get("connected") && connection ? (
              <Banner tone="success">
                {t("onboarding.saved", {
                  ledger: connection.displayName,
                  organisation: connection.organisationName ?? "—",
                })}
              </Banner>
            ) : null}
            {searchParams.get("disconnected") && !connection ? (
              <Banner tone="info">{t("onboarding.disconnected")}</Banner>
            ) : null}
            <Text as="p">{t("onboarding.intro")}</Text>
            {connection ? (
              <ConnectionCard
                connection={connection}
                changing={changing}
                onToggleChange={() => setChanging((value) => !value)}
              />
            ) : null}
            {connection && !connection.organisationId ? (
              <ChooseOrganisationCard
                ledger={connection.displayName}
                organisations={organisations?.status === "ok" ? organisations.organisations : []}
                problem={
                  organisations?.status === "ledgerError"
                    ? organisations.problem.message
                    : actionData?.intent === "organisation" && actionData.status === "ledgerError"
                      ? actionData.problem.message
                      : undefined
                }
              />
            ) : null}
            {showForm ? (
              <LedgerConnectForm
                ledgers={ledgers}
                dineroOAuth={dineroOAuth}
                initialProvider={connection?.provider}
                saveResult={actionData?.intent === "save" ? actionData : undefined}
              />
            ) : null}
            {connection?.organisationId && !changing ? (
              <div>
                <Button url="/app/settings" variant="primary">
                  {t("onboarding.goToSettings")}
                </Button>
              </div>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
