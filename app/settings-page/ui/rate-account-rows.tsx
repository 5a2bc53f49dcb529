import { BlockStack, Button, InlineGrid, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useTranslation } from "../../i18n/use-translation";
import type { LedgerOption } from "../../ledgers/ledger-contract";
import { rateAccountRows, rateAccountsText, type RateAccountRow } from "../settings-form";
import { AccountField } from "./account-field";

/**
 * Accounts per VAT rate (accounts.byRate.oss/voec): one row per rate, the account chosen from
 * the ledger's chart like every other account field. The field's value stays the text the form
 * submits ("19 = 1011, 7 = 1012"); a value that is not in that form is shown as typed.
 */
export function RateAccountRows(props: {
  label: string;
  helpText: string | undefined;
  value: string;
  onChange: (value: string) => void;
  options: LedgerOption[] | undefined;
  ledger: string;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<RateAccountRow[] | undefined>(() => rateAccountRows(props.value));
  if (!rows) {
    return (
      <TextField
        label={props.label}
        helpText={props.helpText}
        value={props.value}
        onChange={props.onChange}
        autoComplete="off"
        error={props.error}
      />
    );
  }
  const change = (next: RateAccountRow[]) => {
    setRows(next);
    props.onChange(rateAccountsText(next));
  };
  const update = (index: number, patch: Partial<RateAccountRow>) =>
    change(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {props.label}
      </Text>
      {props.helpText ? (
        <Text as="p" tone="subdued">
          {props.helpText}
        </Text>
      ) : null}
      {rows.map((row, index) => (
        <InlineGrid key={index} columns={["oneThird", "oneThird", "oneThird"]} gap="300" alignItems="end">
          <TextField
            label={t("settings.rateAccounts.rate")}
            value={row.rate}
            onChange={(rate) => update(index, { rate })}
            inputMode="decimal"
            autoComplete="off"
          />
          <AccountField
            label={t("settings.rateAccounts.account")}
            value={row.account}
            onChange={(account) => update(index, { account })}
            options={props.options}
            ledger={props.ledger}
            optional={false}
            error={undefined}
          />
          <div>
            <Button onClick={() => change(rows.filter((_, i) => i !== index))}>
              {t("settings.rateAccounts.remove")}
            </Button>
          </div>
        </InlineGrid>
      ))}
      {props.error ? (
        <Text as="p" tone="critical">
          {props.error}
        </Text>
      ) : null}
      <div>
        <Button onClick={() => change([...rows, { rate: "", account: "" }])}>
          {t("settings.rateAccounts.add")}
        </Button>
      </div>
    </BlockStack>
  );
}
