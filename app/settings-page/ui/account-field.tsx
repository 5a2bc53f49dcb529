import { Select, TextField } from "@shopify/polaris";
import { useTranslation } from "../../i18n/use-translation";
import type { LedgerOption } from "../../ledgers/ledger-contract";

/**
 * An account setting: a dropdown of the ledger's own accounts, or a text field while the ledger
 * cannot be reached. A stored account the ledger no longer lists stays selectable, marked.
 */
export function AccountField(props: {
  label: string;
  helpText?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  options: LedgerOption[] | undefined;
  ledger: string;
  optional: boolean;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  if (!props.options) {
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
  const listed = props.options.some((option) => option.id === props.value);
  const options = [
    ...(props.optional || props.value === "" ? [{ label: t("settings.account.notSet"), value: "" }] : []),
    ...(!listed && props.value !== ""
      ? [
          {
            label: t("settings.account.current", { id: props.value, ledger: props.ledger }),
            value: props.value,
          },
        ]
      : []),
    ...props.options.map((option) => ({ label: option.label, value: option.id })),
  ];
  return (
    <Select
      label={props.label}
      helpText={props.helpText}
      options={options}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
    />
  );
}
