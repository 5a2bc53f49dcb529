import { BlockStack, Button, InlineGrid, Select, Text, TextField } from "@shopify/polaris";
import { useTranslation } from "../../i18n/use-translation";
import type { LedgerOption } from "../../ledgers/ledger-contract";
import type { FormErrors, GatewayRow } from "../settings-form";
import { GATEWAYS_FIELD } from "../settings-form-fields";
import { AccountField } from "./account-field";

/** Payment gateway → deposit account, or open with terms (#18), one row per gateway. */
export function GatewayRows(props: {
  rows: GatewayRow[];
  onChange: (rows: GatewayRow[]) => void;
  errors: FormErrors;
  depositAccounts: LedgerOption[] | undefined;
  ledger: string;
}) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<GatewayRow>) =>
    props.onChange(props.rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const errorText = (name: string) => {
    const error = props.errors[name];
    return error ? (error.key ? t(error.key) : error.message) : undefined;
  };
  return (
    <BlockStack gap="300">
      <Text as="h3" variant="headingSm">
        {t("settings.gateways.title")}
      </Text>
      <Text as="p" tone="subdued">
        {t("settings.gateways.help")} {t("settings.gateways.handlingHelp")}
      </Text>
      {props.rows.map((row, index) => (
        <InlineGrid key={index} columns={5} gap="300" alignItems="end">
          <TextField
            label={t("settings.gateways.gateway")}
            value={row.gateway}
            onChange={(gateway) => update(index, { gateway })}
            autoComplete="off"
            error={errorText(`${GATEWAYS_FIELD}.${index}.gateway`)}
          />
          <AccountField
            label={t("settings.gateways.account")}
            value={row.account}
            onChange={(account) => update(index, { account })}
            options={props.depositAccounts}
            ledger={props.ledger}
            optional={row.terms !== undefined}
            error={errorText(`${GATEWAYS_FIELD}.${index}.account`)}
          />
          <Select
            label={t("settings.gateways.handling")}
            value={row.terms === undefined ? "paid" : "open"}
            options={[
              { label: t("settings.gateways.handling.paid"), value: "paid" },
              { label: t("settings.gateways.handling.open"), value: "open" },
            ]}
            onChange={(value) => update(index, { terms: value === "open" ? (row.terms ?? "8") : undefined })}
          />
          {row.terms === undefined ? (
            <div />
          ) : (
            <TextField
              label={t("settings.gateways.terms")}
              type="number"
              value={row.terms}
              onChange={(terms) => update(index, { terms })}
              autoComplete="off"
              error={errorText(`${GATEWAYS_FIELD}.${index}.terms`)}
            />
          )}
          <div>
            <Button onClick={() => props.onChange(props.rows.filter((_, i) => i !== index))}>
              {t("settings.gateways.remove")}
            </Button>
          </div>
        </InlineGrid>
      ))}
      <div>
        <Button onClick={() => props.onChange([...props.rows, { gateway: "", account: "" }])}>
          {t("settings.gateways.add")}
        </Button>
      </div>
    </BlockStack>
  );
}
