import { Checkbox, Select, TextField } from "@shopify/polaris";
import { useTranslation } from "../../i18n/use-translation";
import type { LedgerOption } from "../../ledgers/ledger-contract";
import type { FormFieldError } from "../settings-form";
import type { FieldSpec } from "../settings-form-fields";
import { AccountField } from "./account-field";
import { fieldHelpKey, fieldLabelKey, optionKey, settingAnchor } from "./field-keys";
import { RateAccountRows } from "./rate-account-rows";

export interface AccountLists {
  sales: LedgerOption[];
  deposit: LedgerOption[];
}

interface SettingsFieldProps {
  field: FieldSpec;
  value: string;
  onChange: (value: string) => void;
  error: FormFieldError | undefined;
  lists: AccountLists | undefined;
  ledger: string;
}

/** One settings field, drawn from its spec; a failure naming the setting links to its anchor. */
export function SettingsField(props: SettingsFieldProps) {
  return (
    <div id={settingAnchor(props.field.name)}>
      <FieldControl {...props} />
    </div>
  );
}

function FieldControl(props: SettingsFieldProps) {
  const { t } = useTranslation();
  const { field } = props;
  const label = t(fieldLabelKey(field.name));
  const helpKey = fieldHelpKey(field.name);
  const helpText = helpKey ? t(helpKey) : undefined;
  const error = props.error
    ? props.error.key
      ? t(props.error.key, props.error.params)
      : props.error.message
    : undefined;

  if (field.value === "rateAccounts") {
    return (
      <RateAccountRows
        label={label}
        helpText={helpText}
        value={props.value}
        onChange={props.onChange}
        options={props.lists?.sales}
        ledger={props.ledger}
        error={error}
      />
    );
  }

  switch (field.control) {
    case "checkbox":
      return (
        <Checkbox
          label={label}
          helpText={helpText}
          checked={props.value === "true"}
          onChange={(checked) => props.onChange(checked ? "true" : "false")}
          error={error}
        />
      );
    case "select":
      return (
        <Select
          label={label}
          helpText={helpText}
          options={(field.options ?? []).map((value) => ({ label: t(optionKey(field.name, value)), value }))}
          value={props.value}
          onChange={props.onChange}
          error={error}
        />
      );
    case "account":
      return (
        <AccountField
          label={label}
          helpText={helpText}
          value={props.value}
          onChange={props.onChange}
          options={props.lists ? props.lists[field.accountList ?? "sales"] : undefined}
          ledger={props.ledger}
          optional={field.optional === true}
          error={error}
        />
      );
    default:
      return (
        <TextField
          label={label}
          helpText={helpText}
          value={props.value}
          onChange={props.onChange}
          autoComplete="off"
          multiline={field.control === "multiline" ? 3 : undefined}
          inputMode={field.control === "number" ? "decimal" : undefined}
          error={error}
        />
      );
  }
}
