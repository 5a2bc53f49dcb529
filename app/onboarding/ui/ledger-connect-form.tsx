import { Form, useFetcher, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { MessageKey } from "../../i18n/messages";
import { useTranslation } from "../../i18n/use-translation";
import type { LedgerProviderId } from "../../ledgers/ledger-contract";
import type { ConnectActionData } from "../connect-results";
import type { LedgerChoice } from "../ledger-choices";
import type { CredentialFieldProblem } from "../ledger-credentials";

/** The dictionary keys of a ledger's texts (checked for every ledger and field by a unit test). */
export function ledgerTextKey(provider: string, part: "requirements"): MessageKey;
export function ledgerTextKey(provider: string, field: string, part: "label" | "help"): MessageKey;
export function ledgerTextKey(provider: string, field: string, part?: "label" | "help"): MessageKey {
  return (
    part ? `onboarding.field.${provider}.${field}.${part}` : `onboarding.ledger.${provider}.${field}`
  ) as MessageKey;
}

/** Pick a ledger, enter its keys, test them, choose the company, save. Dinero can also use Visma Connect. */
export function LedgerConnectForm(props: {
  ledgers: LedgerChoice[];
  dineroOAuth: boolean;
  initialProvider: LedgerProviderId | undefined;
  saveResult: Extract<ConnectActionData, { intent: "save" }> | undefined;
}) {
  const { t } = useTranslation();
  const [provider, setProvider] = useState<string>(props.initialProvider ?? "");
  const [values, setValues] = useState<Record<string, string>>({});
  const [organisationId, setOrganisationId] = useState("");
  const test = useFetcher<ConnectActionData>();
  const navigation = useNavigation();
  const ledger = props.ledgers.find((l) => l.id === provider);

  const testData = test.data?.intent === "test" ? test.data : undefined;
  const organisations = testData && "organisations" in testData ? testData.organisations : [];
  useEffect(() => {
    setOrganisationId(organisations[0]?.id ?? "");
    // Only a new test answer changes the proposed company.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [test.data]);

  const problems: CredentialFieldProblem[] = [
    ...(testData?.status === "invalidInput" ? testData.problems : []),
    ...(props.saveResult?.status === "invalidInput" ? props.saveResult.problems : []),
  ];
  const fieldError = (key: string) => {
    const problem = problems.find((p) => p.field === key);
    if (!problem) return undefined;
    return problem.kind === "required" ? t("onboarding.error.required") : problem.message;
  };
  const credentialPayload = () =>
    Object.fromEntries(Object.entries(values).map(([key, value]) => [`credential.${key}`, value]));

  const selectLedger = (next: string) => {
    setProvider(next);
    setValues({});
  };

  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("onboarding.pick.title")}
        </Text>
        <Select
          label={t("onboarding.pick.label")}
          placeholder={t("onboarding.pick.placeholder")}
          options={props.ledgers.map((l) => ({ label: l.displayName, value: l.id }))}
          value={provider}
          onChange={selectLedger}
        />
        {ledger ? (
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {t("onboarding.requirements")}
            </Text>
            <Text as="p">{t(ledgerTextKey(ledger.id, "requirements"))}</Text>
          </BlockStack>
        ) : null}
        {ledger?.id === "dinero" ? <DineroOAuthSection available={props.dineroOAuth} /> : null}
        {ledger ? (
          <Form method="post" autoComplete="off">
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="provider" value={ledger.id} />
            <BlockStack gap="400">
              <Text as="h3" variant="headingSm">
                {ledger.id === "dinero" ? t("onboarding.dinero.personal.title") : t("onboarding.keys.title")}
              </Text>
              <FormLayout>
                {ledger.fields.map((field) => (
                  <TextField
                    key={`${ledger.id}.${field.key}`}
                    label={t(ledgerTextKey(ledger.id, field.key, "label"))}
                    helpText={t(ledgerTextKey(ledger.id, field.key, "help"))}
                    name={`credential.${field.key}`}
                    type={field.secret ? "password" : "text"}
                    autoComplete="off"
                    value={values[field.key] ?? ""}
                    onChange={(value) => setValues((current) => ({ ...current, [field.key]: value }))}
                    error={fieldError(field.key)}
                  />
                ))}
              </FormLayout>
              <Text as="p" tone="subdued">
                {t("onboarding.keys.secretNote")}
              </Text>
              <TestResult data={testData} ledger={ledger.displayName} />
              <SaveProblem data={props.saveResult} ledger={ledger.displayName} />
              {organisations.length > 0 ? (
                <Select
                  label={t("onboarding.organisation")}
                  name="organisationId"
                  options={organisations.map((o) => ({ label: o.name, value: o.id }))}
                  value={organisationId}
                  onChange={setOrganisationId}
                />
              ) : null}
              <InlineStack gap="200" blockAlign="center">
                <Button
                  loading={test.state !== "idle"}
                  onClick={() =>
                    test.submit(
                      { intent: "test", provider: ledger.id, ...credentialPayload() },
                      { method: "post" },
                    )
                  }
                >
                  {t("onboarding.test")}
                </Button>
                <Button
                  submit
                  variant="primary"
                  disabled={organisations.length === 0}
                  loading={navigation.state === "submitting"}
                >
                  {t("onboarding.save")}
                </Button>
                {organisations.length === 0 ? (
                  <Text as="span" tone="subdued">
                    {t("onboarding.save.testFirst")}
                  </Text>
                ) : null}
              </InlineStack>
            </BlockStack>
          </Form>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function TestResult(props: { data: ConnectActionData | undefined; ledger: string }) {
  const { t } = useTranslation();
  const data = props.data;
  if (!data || data.intent !== "test" || !("status" in data)) return null;
  if (data.status === "ok") {
    return (
      <Banner tone="success">
        {t("onboarding.test.ok", { ledger: props.ledger, count: data.organisations.length })}
      </Banner>
    );
  }
  if (data.status === "ledgerError") {
    return (
      <Banner tone="critical" title={t("onboarding.test.failed")}>
        <p id="connection-error">{data.problem.message}</p>
      </Banner>
    );
  }
  if (data.status === "invalidInput") return <Banner tone="warning">{t("onboarding.test.fixFields")}</Banner>;
  return null;
}

function SaveProblem(props: {
  data: Extract<ConnectActionData, { intent: "save" }> | undefined;
  ledger: string;
}) {
  const { t } = useTranslation();
  const data = props.data;
  if (!data) return null;
  if (data.status === "ledgerError") {
    return (
      <Banner tone="critical" title={t("onboarding.test.failed")}>
        <p>{data.problem.message}</p>
      </Banner>
    );
  }
  if (data.status === "unknownOrganisation" || data.status === "chooseOrganisation") {
    return (
      <Banner tone="warning">{t("onboarding.error.unknownOrganisation", { ledger: props.ledger })}</Banner>
    );
  }
  return null;
}

/** Visma Connect leaves the app at the top level: its login page refuses to run inside the admin. */
function DineroOAuthSection(props: { available: boolean }) {
  const { t } = useTranslation();
  const start = useFetcher<ConnectActionData>();
  const authorizeUrl = start.data && "authorizeUrl" in start.data ? start.data.authorizeUrl : undefined;
  useEffect(() => {
    if (authorizeUrl) window.open(authorizeUrl, "_top");
  }, [authorizeUrl]);
  if (!props.available) return <Banner tone="info">{t("onboarding.dinero.oauth.unavailable")}</Banner>;
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {t("onboarding.dinero.oauth.title")}
      </Text>
      <Text as="p">{t("onboarding.dinero.oauth.description")}</Text>
      <div>
        <Button
          variant="primary"
          loading={start.state !== "idle" || authorizeUrl !== undefined}
          onClick={() => start.submit({ intent: "dinero" }, { method: "post" })}
        >
          {t("onboarding.dinero.oauth.button")}
        </Button>
      </div>
      {authorizeUrl ? (
        <Text as="p" tone="subdued">
          {t("onboarding.dinero.oauth.redirecting")}
        </Text>
      ) : null}
    </BlockStack>
  );
}
