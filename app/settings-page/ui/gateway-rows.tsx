import { BlockStack, Button, InlineGrid, Text, TextField } from "@shopify/polaris";
import { useTranslation } from "../../i18n/use-translation";
import type { LedgerOption } from "../../ledgers/ledger-contract";
import type { FormErrors, GatewayRow } from "../settings-form";
import { GATEWAYS_FIELD } from "../settings-form-fields";
import { AccountField } from "./account-field";

/** Payment gateway → deposit account, one row per gateway. */
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
        {t("settings.gateways.help")}
      </Text>
      {props.rows.map((row, index) => (
        <InlineGrid key={index} columns={["oneThird", "oneThird", "oneThird"]} gap="300" alignItems="end">
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
            optional={false}
            error={errorText(`${GATEWAYS_FIELD}.${index}.account`)}
          />
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
