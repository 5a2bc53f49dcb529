import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineGrid, Text } from "@shopify/polaris";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "../../i18n/use-translation";
import type { LedgerOption } from "../../ledgers/ledger-contract";
import { FORM_LEVEL, serializeForm, type SettingsForm } from "../settings-form";
import { SETTINGS_SECTIONS } from "../settings-form-fields";
import type { LedgerListsState, SaveSettingsResult, SettingsPageModel } from "../settings-page-model";
import type { SettingsPreview } from "../settings-preview";
import { sectionKey } from "./field-keys";
import { GatewayRows } from "./gateway-rows";
import { RuleRows } from "./rule-rows";
import { SettingsField, type AccountLists } from "./settings-field";
import { SettingsPreviewView } from "./settings-preview-view";

const PREVIEW_DELAY_MS = 300;
/** Sections that are lists of accounts read better side by side. */
const TWO_COLUMN_SECTIONS = new Set(["accounts", "overrides"]);
export const PREVIEW_ACTION = "/app/settings/preview";

/** Every section of the settings, the save button, and the live preview beside them. */
export function SettingsFormView(props: { model: SettingsPageModel }) {
  const { t } = useTranslation();
  const { model } = props;
  const [form, setForm] = useState<SettingsForm>(model.form);
  const save = useFetcher<SaveSettingsResult>({ key: "settings-save" });
  const preview = useFetcher<SettingsPreview>({ key: "settings-preview" });

  // After a save the loader answers with what is stored now; the form shows that.
  useEffect(() => setForm(model.form), [model.form]);

  // The preview follows the form, shortly after the merchant stops typing.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const timer = setTimeout(
      () => preview.submit(serializeForm(form), { method: "post", action: PREVIEW_ACTION }),
      PREVIEW_DELAY_MS,
    );
    return () => clearTimeout(timer);
    // preview.submit is stable for a keyed fetcher; only form changes should trigger.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form]);

  const errors = save.data && !save.data.ok ? save.data.errors : {};
  const ledger = model.connection?.displayName ?? "";
  const accountLists: AccountLists | undefined =
    model.lists.status === "ok"
      ? { sales: model.lists.salesAccounts, deposit: model.lists.depositAccounts }
      : undefined;
  const setValue = (name: string, value: string) =>
    setForm((current) => ({ ...current, values: { ...current.values, [name]: value } }));
  const submit = () => save.submit(serializeForm(form), { method: "post" });
  const formError = errors[FORM_LEVEL];

  return (
    <InlineGrid columns={{ xs: 1, md: ["twoThirds", "oneThird"] }} gap="400">
      <BlockStack gap="400">
        {save.state === "idle" && save.data?.ok ? (
          <Banner tone="success">{t("settings.saved")}</Banner>
        ) : null}
        {save.data && !save.data.ok ? (
          <Banner tone="critical" title={t("settings.saveFailed")}>
            {formError ? <p>{formError.key ? t(formError.key) : formError.message}</p> : null}
          </Banner>
        ) : null}
        {SETTINGS_SECTIONS.map((section) => (
          <Card key={section.id}>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t(sectionKey(section.id, "title"))}
              </Text>
              <Text as="p" tone="subdued">
                {t(sectionKey(section.id, "description"))}
              </Text>
              <FieldGroup twoColumns={TWO_COLUMN_SECTIONS.has(section.id)}>
                {section.fields.map((field) => (
                  <SettingsField
                    key={field.name}
                    field={field}
                    value={form.values[field.name] ?? ""}
                    onChange={(value) => setValue(field.name, value)}
                    error={errors[field.name]}
                    lists={accountLists}
                    ledger={ledger}
                  />
                ))}
              </FieldGroup>
              {section.id === "payments" ? (
                <GatewayRows
                  rows={form.gateways}
                  onChange={(gateways) => setForm((current) => ({ ...current, gateways }))}
                  errors={errors}
                  depositAccounts={accountLists?.deposit}
                  ledger={ledger}
                />
              ) : null}
              {section.id === "accounts" ? (
                <RuleRows
                  rows={form.rules ?? []}
                  onChange={(rules) => setForm((current) => ({ ...current, rules }))}
                  errors={errors}
                  salesAccounts={accountLists?.sales}
                  ledger={ledger}
                />
              ) : null}
              <LedgerReference section={section.id} lists={model.lists} ledger={ledger} />
            </BlockStack>
          </Card>
        ))}
        <div>
          <Button variant="primary" onClick={submit} loading={save.state !== "idle"}>
            {t("settings.save")}
          </Button>
        </div>
      </BlockStack>
      {/* The grid cell is as tall as the form, so the preview stays in view while scrolling. */}
      <div>
        <div style={{ position: "sticky", top: 16 }}>
          <SettingsPreviewView preview={preview.data ?? model.preview} updating={preview.state !== "idle"} />
        </div>
      </div>
    </InlineGrid>
  );
}

function FieldGroup(props: { twoColumns: boolean; children: ReactNode }) {
  return props.twoColumns ? (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
      {props.children}
    </InlineGrid>
  ) : (
    <FormLayout>{props.children}</FormLayout>
  );
}

/**
 * What the ledger itself offers next to the sections it concerns: its VAT codes (VAT follows the
 * accounts above), payment terms and invoice layouts, and the B2B rules for customers.
 */
function LedgerReference(props: { section: string; lists: LedgerListsState; ledger: string }) {
  const { t } = useTranslation();
  if (props.section === "customers") {
    return <Text as="p">{t("settings.customers.b2b")}</Text>;
  }
  if (props.lists.status !== "ok") return null;
  const listed = (title: string, options: LedgerOption[]) => (
    <Text as="p" tone="subdued">
      {title}: {options.length > 0 ? options.map((o) => o.label).join(" · ") : t("settings.ledgerLists.none")}
    </Text>
  );
  if (props.section === "vat")
    return listed(t("settings.ledgerLists.vatCodes", { ledger: props.ledger }), props.lists.vatCodes);
  if (props.section === "booking") {
    return (
      <BlockStack gap="100">
        {listed(t("settings.ledgerLists.paymentTerms", { ledger: props.ledger }), props.lists.paymentTerms)}
        {listed(t("settings.ledgerLists.layouts", { ledger: props.ledger }), props.lists.layouts)}
      </BlockStack>
    );
  }
  return null;
}
