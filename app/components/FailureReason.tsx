import { Link } from "@remix-run/react";
import type { JobErrorText } from "../i18n/job-error-text";
import { jobErrorText } from "../i18n/job-error-text";
import { useTranslation } from "../i18n/use-translation";
import { settingAnchor } from "../settings-page/ui/field-keys";

/** The settings path a failure names (a setting the order needs and the merchant left empty). */
export function settingFieldOf(error: JobErrorText | null): string | null {
  const field = error?.params?.settingField;
  return typeof field === "string" && field !== "" ? field : null;
}

/**
 * Why a transfer failed, in the page's language (a ledger's own words as they came); when a
 * missing setting is the reason, with a link to that field on the Settings page.
 */
export function FailureReason({ error, fallback }: { error: JobErrorText | null; fallback?: string | null }) {
  const { t, locale } = useTranslation();
  const text = jobErrorText(locale, error) ?? fallback ?? null;
  if (!text) return null;
  const field = settingFieldOf(error);
  return (
    <>
      {text}
      {field ? (
        <>
          {" "}
          <Link to={`/app/settings#${settingAnchor(field)}`} data-testid="failure-setting-link">
            {t("jobError.openSetting")}
          </Link>
        </>
      ) : null}
    </>
  );
}
