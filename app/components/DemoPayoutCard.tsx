import { BlockStack, Button, Card, Text } from "@shopify/polaris";
import { Link } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { formatDay } from "./format";
import { formatPayoutAmount } from "./payout-format";

/** The demo's latest payout as its page shows it (the demo's DemoPayoutView, structurally). */
export interface DemoPayoutCardView {
  payoutId: string;
  date: string;
  currency: string;
  gross: number;
  fees: number;
  net: number;
  orders: number;
  matchedOrders: number;
  status: string;
  voucherNumber: string | null;
  clearingAccount: string;
  clearingBalance: number;
}

/**
 * "Create today's payout" and what came of it: the payout, its ledger voucher and the clearing
 * account's balance read from the ledger simulator — 0.00 once the payout is booked.
 */
export function DemoPayoutCard({
  payout,
  busy,
  onCreate,
}: {
  payout: DemoPayoutCardView | null;
  busy: boolean;
  onCreate: () => void;
}) {
  const { t, locale } = useTranslation();
  const amount = (minor: number) => formatPayoutAmount(minor, payout?.currency ?? "DKK", locale);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("demo.payout.heading")}
        </Text>
        <BlockStack gap="100">
          <div>
            <Button onClick={onCreate} disabled={busy}>
              {t("demo.action.createPayout")}
            </Button>
          </div>
          <Text as="p" tone="subdued">
            {t("demo.action.createPayout.help")}
          </Text>
        </BlockStack>
        {payout ? (
          <BlockStack gap="100">
            <div data-testid="demo-payout">
              <Text as="p">
                <Link to={`/app/payouts/${payout.payoutId}`}>
                  {t("demo.payout.summary", {
                    payout: payout.payoutId,
                    date: formatDay(payout.date, locale),
                    gross: amount(payout.gross),
                    fees: amount(payout.fees),
                    net: amount(payout.net),
                    matched: payout.matchedOrders,
                    orders: payout.orders,
                  })}
                </Link>
              </Text>
            </div>
            <Text as="p">
              {payout.voucherNumber
                ? t("demo.payout.voucher", { voucher: payout.voucherNumber, status: payout.status })
                : t("demo.payout.voucherPending", { status: payout.status })}
            </Text>
            <Text as="p" fontWeight="semibold">
              {t("demo.payout.clearing", {
                account: payout.clearingAccount,
                balance: amount(payout.clearingBalance),
              })}
            </Text>
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
