import { DraftError } from "../../domain/draft-errors";
import { customerOf } from "../customer-of";
import type { Customer, DiscountAllocation, Order, TaxLine } from "../../domain/order";
import { rateFractionToBasisPoints } from "../../domain/vat/vat-rate-format";
import { sourceAmount } from "../source-money";
import * as shared from "./map-shopify-order-parts";
import { mapRestRefund } from "./map-shopify-refund";
import { attributeValue, nonEmpty, shopifyGid, toAddress } from "./shopify-buyer";
import { ShopifyMoney, type DocumentCurrencyMode } from "./shopify-money";
import type { RestOrder, RestTaxLine } from "./shopify-rest-schemas";
import { mapRestTransactions } from "./shopify-transactions";
import type { DraftWarning } from "../../domain/draft-warning";

/** A parsed REST order (webhook payload) → the canonical Order. */
export function mapShopifyRestOrder(order: RestOrder, mode: DocumentCurrencyMode): Order {
  const money = ShopifyMoney.fromCodes(mode, order.currency, order.presentment_currency, {
    shop: "currency",
    presentment: "presentment_currency",
  });
  const notes: DraftWarning[] = [];
  const id = shopifyGid("Order", order.id, order.admin_graphql_api_id);
  if (!id)
    throw new DraftError(
      "invalidInput",
      "admin_graphql_api_id",
      "the order id is missing or was corrupted by JSON parsing",
    );
  const applications = order.discount_applications ?? [];

  const discountsOf = (
    allocations: ReadonlyArray<{
      amount?: string | number | null | undefined;
      amount_set?: Parameters<ShopifyMoney["rest"]>[1];
      discount_application_index?: number | null | undefined;
    }>,
    path: string,
  ): DiscountAllocation[] =>
    allocations.map((a, j) => {
      const application =
        a.discount_application_index != null ? applications[a.discount_application_index] : undefined;
      return shared.discountAllocation(
        money.rest(a.amount, a.amount_set, `${path}.discount_allocations[${j}].amount`),
        nonEmpty(application?.code),
        nonEmpty(application?.title) ?? nonEmpty(application?.description),
      );
    });

  const taxLinesOf = (
    lines: readonly RestTaxLine[] | null | undefined,
    path: string,
  ): TaxLine[] | undefined =>
    lines?.map((t, k) =>
      shared.statedTaxLine(
        t,
        rateFractionToBasisPoints(t.rate ?? 0),
        money.rest(t.price, t.price_set, `${path}.tax_lines[${k}].price`),
        t.channel_liable,
      ),
    );

  const lines = shared.itemLines(order.line_items, "line_items", notes, (item, path) => {
    const unitPrice = money.rest(item.price, item.price_set, `${path}.price`);
    const lineId = shopifyGid("LineItem", item.id, item.admin_graphql_api_id);
    if (!lineId)
      throw new DraftError("invalidInput", `${path}.admin_graphql_api_id`, "the line has no usable id");
    return {
      id: lineId,
      sku: nonEmpty(item.sku),
      title: nonEmpty(item.name) ?? nonEmpty(item.title),
      variantTitle: nonEmpty(item.variant_title),
      quantity: item.quantity,
      currentQuantity: item.current_quantity,
      unitPrice,
      subtotal: unitPrice * item.quantity,
      discounts: discountsOf(item.discount_allocations ?? [], path),
      taxLines: taxLinesOf(item.tax_lines, path),
      taxable: item.taxable ?? true,
      giftCard: item.gift_card ?? false,
      ...(item.tip_payment_gateway || item.tip_payment_method ? { tip: true } : {}),
      ...(nonEmpty(item.vendor) ? { vendor: nonEmpty(item.vendor) } : {}),
      path,
    };
  });

  const shippingLines = shared.shippingLines(
    order.shipping_lines ?? [],
    "shipping_lines",
    (line) => line.is_removed,
    (line, path) => ({
      id: shopifyGid("ShippingLine", line.id, undefined) ?? path,
      title: nonEmpty(line.title),
      code: nonEmpty(line.code),
      price: money.rest(line.price, line.price_set, `${path}.price`),
      discounts: discountsOf(line.discount_allocations ?? [], path),
      taxLines: taxLinesOf(line.tax_lines, path),
      path,
    }),
  );

  // A tip is a line item of its own (marked by its tip gateway) and is also summed in
  // `total_tip_received`: book the line items, and the total only when no tip line is present.
  const tipLines = lines.some((l) => l.tip);
  const tip =
    order.total_tip_received != null && !tipLines
      ? sourceAmount(order.total_tip_received, money.shop, "total_tip_received")
      : 0;
  if (tip !== 0 && money.document !== money.shop) {
    throw new DraftError(
      "invalidInput",
      "total_tip_received",
      `the tip is only stated in ${money.shop}; book the order in the shop currency`,
    );
  }
  const fees = shared.tipAndDuties(
    { amount: tip, path: "total_tip_received" },
    {
      amount: money.restOptional(undefined, order.original_total_duties_set, "original_total_duties"),
      path: "original_total_duties_set",
    },
    notes,
  );

  const totals = {
    total: money.rest(order.total_price, order.total_price_set, "total_price"),
    tax: money.restOptional(order.total_tax, order.total_tax_set, "total_tax"),
    discounts: money.restOptional(order.total_discounts, order.total_discounts_set, "total_discounts"),
    ...(order.current_total_price != null || order.current_total_price_set
      ? {
          currentTotal: money.rest(
            order.current_total_price,
            order.current_total_price_set,
            "current_total_price",
          ),
        }
      : {}),
  };

  // Shopify normally allocates every discount to lines; older or imported orders may not.
  const allocated =
    lines.reduce((acc, l) => acc + l.discounts.reduce((a, d) => a + d.amount, 0), 0) +
    shippingLines.reduce((acc, l) => acc + l.discounts.reduce((a, d) => a + d.amount, 0), 0);
  const unallocated = totals.discounts - allocated;
  const codes = (order.discount_codes ?? [])
    .map((d) => nonEmpty(d.code))
    .filter((c): c is string => Boolean(c));
  const singleCode = codes.length === 1 ? codes[0] : undefined;
  const orderDiscounts =
    unallocated > 0
      ? [{ amount: unallocated, title: codes.join(", "), ...(singleCode ? { code: singleCode } : {}) }]
      : [];

  const transactions = mapRestTransactions(order.transactions, money, "transactions", notes);
  const financialStatus = order.financial_status?.toLowerCase();

  const refundContext = { money, pricesIncludeTax: order.taxes_included };
  return shared.shopifyOrder(money, {
    id,
    name: order.name,
    number: String(order.order_number ?? order.number ?? order.name.replace(/^#/, "")),
    createdAt: order.created_at,
    paidAt: shared.paidAtOf(transactions, financialStatus, order.processed_at ?? order.created_at),
    fulfilledAt: shared.fulfilledAtOf(
      order.fulfillment_status === "fulfilled",
      (order.fulfillments ?? []).filter((f) => f.status === "success").map((f) => f.created_at),
    ),
    cancelledAt: order.cancelled_at,
    financialStatus,
    test: order.test ?? false,
    pricesIncludeTax: order.taxes_included,
    customer: restCustomer(order),
    lines,
    shippingLines,
    fees,
    orderDiscounts,
    discountCodes: codes,
    transactions,
    paymentGateways: order.payment_gateway_names ?? [],
    tags: (order.tags ?? "")
      .split(",")
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ""),
    salesChannel: nonEmpty(order.source_name),
    totals,
    refunds: (order.refunds ?? []).map((refund, i) => mapRestRefund(refund, refundContext, `refunds[${i}].`)),
    paths: { total: "total_price", tax: "total_tax" },
    notes,
    exchangeRate: money.exchangeRate(
      order.total_price_set?.shop_money.amount,
      order.total_price_set?.presentment_money.amount,
    ),
  });
}

function restCustomer(order: RestOrder): Customer {
  const attributes = order.note_attributes ?? [];
  const vatNumber = attributeValue(attributes, "vat");
  const ean = attributeValue(attributes, "ean");
  const billing = toAddress(
    order.billing_address && {
      ...order.billing_address,
      firstName: order.billing_address.first_name,
      lastName: order.billing_address.last_name,
      line1: order.billing_address.address1,
      line2: order.billing_address.address2,
      countryCode: order.billing_address.country_code,
    },
  );
  const shipping = toAddress(
    order.shipping_address && {
      ...order.shipping_address,
      firstName: order.shipping_address.first_name,
      lastName: order.shipping_address.last_name,
      line1: order.shipping_address.address1,
      line2: order.shipping_address.address2,
      countryCode: order.shipping_address.country_code,
    },
  );
  const customer = order.customer;
  const exemptions = customer?.tax_exemptions ?? [];
  return customerOf({
    id: shopifyGid("Customer", customer?.id, customer?.admin_graphql_api_id),
    email: nonEmpty(order.email) ?? nonEmpty(order.contact_email) ?? nonEmpty(customer?.email),
    phone: nonEmpty(order.phone) ?? nonEmpty(customer?.phone),
    firstName: nonEmpty(customer?.first_name),
    lastName: nonEmpty(customer?.last_name),
    company: billing?.company,
    vatNumber,
    ean,
    otherBusinessSign: Boolean(order.company) || exemptions.some((e) => /REVERSE_CHARGE|BUSINESS/i.test(e)),
    taxExempt: Boolean(order.tax_exempt || customer?.tax_exempt),
    billingAddress: billing,
    shippingAddress: shipping,
  });
}
