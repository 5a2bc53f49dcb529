import { BlockStack, Button, InlineGrid, Select, Text, TextField } from "@shopify/polaris";
import { useTranslation } from "../../i18n/use-translation";
import type { LedgerOption } from "../../ledgers/ledger-contract";
import { RULE_FIELDS } from "../../settings/rules-schema";
import type { RuleRow } from "../rules-form";
import type { FormErrors } from "../settings-form";
import { AccountField } from "./account-field";

/** The ordered mapping and filter rules (#18): if field = value, then an account or skip. */
export function RuleRows(props: {
  rows: RuleRow[];
  onChange: (rows: RuleRow[]) => void;
  errors: FormErrors;
  salesAccounts: LedgerOption[] | undefined;
  ledger: string;
}) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<RuleRow>) =>
    props.onChange(props.rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const errorText = (name: string) => {
    const error = props.errors[name];
    return error ? (error.key ? t(error.key, error.params) : error.message) : undefined;
  };
  return (
    <BlockStack gap="300">
      <Text as="h3" variant="headingSm">
        {t("settings.rules.title")}
      </Text>
      <Text as="p" tone="subdued">
        {t("settings.rules.help")}
      </Text>
      {props.rows.map((row, index) => (
        <InlineGrid key={index} columns={5} gap="300" alignItems="end">
          <Select
            label={`${index + 1}. ${t("settings.rules.field")}`}
            value={row.field}
            options={RULE_FIELDS.map((field) => ({
              label: t(`settings.rules.field.${field}`),
              value: field,
            }))}
            onChange={(field) =>
              update(index, { field, ...(field === "zeroTotal" ? { action: "skip" } : {}) })
            }
          />
          {row.field === "zeroTotal" ? (
            <div />
          ) : (
            <TextField
              label={t("settings.rules.value")}
              value={row.value}
              onChange={(value) => update(index, { value })}
              autoComplete="off"
              error={errorText(`rules.${index}.value`)}
            />
          )}
          <Select
            label={t("settings.rules.action")}
            value={row.action}
            options={[
              ...(row.field === "zeroTotal"
                ? []
                : [{ label: t("settings.rules.action.account"), value: "account" }]),
              { label: t("settings.rules.action.skip"), value: "skip" },
            ]}
            onChange={(action) => update(index, { action })}
          />
          {row.action === "account" ? (
            <AccountField
              label={t("settings.rules.account")}
              value={row.account}
              onChange={(account) => update(index, { account })}
              options={props.salesAccounts}
              ledger={props.ledger}
              optional={false}
              error={errorText(`rules.${index}.account`)}
            />
          ) : (
            <div />
          )}
          <div>
            <Button onClick={() => props.onChange(props.rows.filter((_, i) => i !== index))}>
              {t("settings.rules.remove")}
            </Button>
          </div>
        </InlineGrid>
      ))}
      <div>
        <Button
          onClick={() =>
            props.onChange([
              ...props.rows,
              { field: "productType", value: "", action: "account", account: "" },
            ])
          }
        >
          {t("settings.rules.add")}
        </Button>
      </div>
    </BlockStack>
  );
}
