import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useTranslation } from "../../i18n/use-translation";
import type { ConnectionSummary } from "../connect-results";

/** The ledger the shop is connected to, with Change and Disconnect. */
export function ConnectionCard(props: {
  connection: ConnectionSummary;
  changing: boolean;
  onToggleChange: () => void;
}) {
  const { t, locale } = useTranslation();
  const { connection } = props;
  const since = new Date(connection.connectedAt).toLocaleDateString(locale === "da" ? "da-DK" : "en-GB", {
    dateStyle: "long",
  });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd" id="connected-ledger">
          {t("onboarding.connected.title", { ledger: connection.displayName })}
        </Text>
        <Text as="p" id="connected-organisation">
          {connection.organisationName
            ? t("onboarding.connected.organisation", { name: connection.organisationName })
            : t("onboarding.connected.noOrganisation")}
        </Text>
        <Text as="p" tone="subdued">
          {t("onboarding.connected.since", { date: since })}
        </Text>
        <InlineStack gap="200">
          <Button onClick={props.onToggleChange}>
            {props.changing ? t("onboarding.cancelChange") : t("onboarding.change")}
          </Button>
          <Form method="post">
            <input type="hidden" name="intent" value="disconnect" />
            <Button submit tone="critical" variant="secondary">
              {t("onboarding.disconnect")}
            </Button>
          </Form>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
