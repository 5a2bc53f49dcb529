import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { useTranslation } from "../../i18n/use-translation";
import type { Organisation } from "../../ledgers/ledger-contract";

/** After Visma Connect, when the login reaches several companies: which one to book in. */
export function ChooseOrganisationCard(props: {
  ledger: string;
  organisations: Organisation[];
  problem: string | undefined;
}) {
  const { t } = useTranslation();
  const [organisationId, setOrganisationId] = useState(props.organisations[0]?.id ?? "");
  return (
    <Card>
      <Form method="post">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("onboarding.chooseOrganisation.title")}
          </Text>
          <Text as="p">{t("onboarding.chooseOrganisation.description")}</Text>
          {props.problem ? <Banner tone="critical">{props.problem}</Banner> : null}
          <input type="hidden" name="intent" value="organisation" />
          <Select
            label={t("onboarding.organisation")}
            name="organisationId"
            options={props.organisations.map((o) => ({ label: o.name, value: o.id }))}
            value={organisationId}
            onChange={setOrganisationId}
          />
          <div>
            <Button submit variant="primary" disabled={!organisationId}>
              {t("onboarding.chooseOrganisation.save")}
            </Button>
          </div>
        </BlockStack>
      </Form>
    </Card>
  );
}
