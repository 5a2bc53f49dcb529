import { draftProblem } from "../engine/transfer/classify-transfer-error";
import type { JobErrorText } from "../i18n/job-error-text";
import { isMessageKey, renderMessage } from "../i18n/render-message";
import { previewDocument, type PreviewDocument, type PreviewSource } from "../domain/preview";
import type { LedgerVatRounding } from "../domain/vat/ledger-rounding";
import { formToSettings, type SettingsForm } from "./settings-form";

/**
 * The settings page's live preview: the invoice of an order under the settings currently in the
 * form (saved or not), or the reason it cannot be booked with them.
 */

export interface PreviewOrder {
  source: PreviewSource;
  body: string;
  /** The order's name (#1042) for the heading. */
  name: string;
  sample: boolean;
}

export type SettingsPreview =
  | { status: "ok"; order: Omit<PreviewOrder, "body">; document: PreviewDocument }
  | {
      status: "error";
      order: Omit<PreviewOrder, "body">;
      message: string;
      /** The message keyed for the page's language, naming the setting to fix. */
      problem: JobErrorText;
    };

export function previewWithForm(
  order: PreviewOrder,
  form: SettingsForm,
  shopDomain: string,
  /** How the connected ledger rounds VAT, so the preview shows the lines it will receive. */
  ledger: { vatRounding?: LedgerVatRounding } = {},
): SettingsPreview {
  const { body, ...described } = order;
  const { document: settings, errors } = formToSettings(form);
  const firstProblem = Object.entries(errors)[0];
  if (firstProblem) {
    const [field] = firstProblem;
    const labelKey = `settings.field.${field}`;
    const params = { setting: isMessageKey("en", labelKey) ? labelKey : field, settingField: field };
    return {
      status: "error",
      order: described,
      message: `settings.${field}: ${firstProblem[1].message}`,
      problem: {
        message: renderMessage("en", "settings.preview.fieldProblem", params),
        key: "settings.preview.fieldProblem",
        params,
      },
    };
  }
  try {
    return {
      status: "ok",
      order: described,
      document: previewDocument({ source: order.source, order: body, settings, shop: shopDomain, ...ledger }),
    };
  } catch (error) {
    // DraftError and mapping errors name the field; they are what the merchant must fix.
    return {
      status: "error",
      order: described,
      message: error instanceof Error ? error.message : String(error),
      problem: draftProblem(error),
    };
  }
}
