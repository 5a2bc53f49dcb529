import type { LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "../db/prisma.server";
import { translate, type MessageKey } from "../i18n/messages";
import { secretBox } from "../lib/secrets.server";
import { pageLocale } from "../sources/woocommerce/request-support.server";
import { openStoreOverview } from "../sources/woocommerce/store-overview.server";
import { wooHtmlPage } from "../sources/woocommerce/woo-html-page";

const JOB_STATUSES = ["queued", "waiting", "running", "succeeded", "failed", "skipped"] as const;

/** "Open Ledger Bridge settings" from WordPress: a signed, 5-minute token names the store. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const overview = await openStoreOverview(prisma(), secretBox(), token, Math.floor(Date.now() / 1000));
  const locale = pageLocale(request, overview?.locale);
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
  if (!overview) {
    return wooHtmlPage({
      locale,
      title: "Ledger Bridge",
      sections: [{ lines: [t("woo.settings.invalidToken")] }],
      status: 401,
    });
  }
  const trigger =
    overview.trigger.kind === "statuses"
      ? t("woo.settings.trigger.statuses", { statuses: overview.trigger.statuses.join(", ") })
      : t(`woo.settings.trigger.${overview.trigger.kind as "paid" | "fulfilled" | "manual"}`);
  return wooHtmlPage({
    locale,
    title: t("woo.settings.title", { store: overview.storeUrl }),
    sections: [
      {
        heading: t("woo.settings.connection"),
        lines: [
          t(overview.status === "connected" ? "woo.settings.connected" : "woo.settings.needsReconnect"),
          ...(overview.lastError ? [t("woo.settings.lastProblem", { message: overview.lastError })] : []),
          `${t("woo.settings.webhooks")}: ${overview.webhooks.map((w) => `${w.topic} (${w.status})`).join(", ") || "–"}`,
          `${t("woo.settings.lastPoll")}: ${overview.lastReconciledAt?.toISOString().slice(0, 16).replace("T", " ") ?? t("woo.settings.never")}`,
        ],
      },
      {
        heading: t("woo.settings.ledger"),
        lines: [
          overview.ledger
            ? `${overview.ledger.provider}${overview.ledger.organisationName ? ` · ${overview.ledger.organisationName}` : ""}`
            : t("woo.settings.ledgerNone"),
          `${t("woo.settings.trigger")} ${trigger}`,
          ...(overview.paused ? [t("woo.settings.paused", { reason: overview.paused.reason ?? "" })] : []),
        ],
      },
      {
        heading: t("woo.settings.transfers"),
        lines: JOB_STATUSES.filter((status) => overview.jobs[status]).map(
          (status) => `${t(`transfers.status.${status}`)}: ${overview.jobs[status]}`,
        ),
      },
    ],
    status: 200,
  });
};
