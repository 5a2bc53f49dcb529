import { DraftError } from "../../domain/draft-errors";
import { customerOf } from "../customer-of";
import type { Customer, DiscountAllocation, Order, TaxLine } from "../../domain/order";
import { rateFractionToBasisPoints, ratePercentToBasisPoints } from "../../domain/vat/vat-rate-format";
import * as shared from "./map-shopify-order-parts";
import { mapGraphqlRefund } from "./map-shopify-refund";
import { attributeValue, nonEmpty, numberFromName, toAddress } from "./shopify-buyer";
import { nodesOf, type GraphqlOrder, type GraphqlTaxLine } from "./shopify-graphql-schemas";
import { ShopifyMoney, type DocumentCurrencyMode, type GraphqlMoneyBag } from "./shopify-money";
import { mapGraphqlTransactions } from "./shopify-transactions";
import type { DraftWarning } from "../../domain/draft-warning";

/** A parsed Admin GraphQL order (the `OrderForInvoice` query) → the canonical Order. */
export function mapShopifyGraphqlOrder(order: GraphqlOrder, mode: DocumentCurrencyMode): Order {
  const money = ShopifyMoney.fromCodes(mode, order.currencyCode, order.presentmentCurrencyCode, {
    shop: "currencyCode",
    presentment: "presentmentCurrencyCode",
  });
  const notes: DraftWarning[] = [];
  const applications = nodesOf(order.discountApplications);

  const discountsOf = (
    allocations: ReadonlyArray<{
      allocatedAmountSet?: GraphqlMoneyBag | null | undefined;
      discountApplication?:
        | {
            index?: number | null | undefined;
            code?: string | null | undefined;
            title?: string | null | undefined;
          }
        | null
        | undefined;
    }>,
    path: string,
  ): DiscountAllocation[] =>
    allocations.map((a, j) => {
      const index = a.discountApplication?.index;
      const application = index != null ? applications[index] : undefined;
      return shared.discountAllocation(
        money.bag(a.allocatedAmountSet, `${path}.discountAllocations[${j}].allocatedAmountSet`),
        nonEmpty(a.discountApplication?.code) ?? nonEmpty(application?.code),
        nonEmpty(a.discountApplication?.title) ?? nonEmpty(application?.title),
      );
    });

  const taxLinesOf = (
    taxLines: readonly GraphqlTaxLine[] | null | undefined,
    path: string,
  ): TaxLine[] | undefined =>
    taxLines?.map((t, k) =>
      shared.statedTaxLine(
        t,
        t.ratePercentage != null
          ? ratePercentToBasisPoints(t.ratePercentage)
          : rateFractionToBasisPoints(t.rate ?? 0),
        money.bag(t.priceSet, `${path}.taxLines[${k}].priceSet`),
        t.channelLiable,
      ),
    );

  const tipLineIds = tipLineItemIds(order);
  const lines = shared.itemLines(nodesOf(order.lineItems), "lineItems", notes, (item, path) => {
    const unitPrice = item.originalUnitPriceSet
      ? money.bag(item.originalUnitPriceSet, `${path}.originalUnitPriceSet`)
      : undefined;
    const subtotal = item.originalTotalSet
      ? money.bag(item.originalTotalSet, `${path}.originalTotalSet`)
      : unitPrice !== undefined
        ? unitPrice * item.quantity
        : undefined;
    if (subtotal === undefined)
      throw new DraftError("invalidInput", `${path}.originalUnitPriceSet`, "the line price is missing");
    return {
      id: item.id,
      sku: nonEmpty(item.sku) ?? nonEmpty(item.variant?.sku),
      title: nonEmpty(item.name) ?? nonEmpty(item.title),
      variantTitle: nonEmpty(item.variantTitle) ?? nonEmpty(item.variant?.title),
      quantity: item.quantity,
      currentQuantity: item.currentQuantity,
      unitPrice,
      subtotal,
      discounts: discountsOf(item.discountAllocations ?? [], path),
      taxLines: taxLinesOf(item.taxLines, path),
      taxable: item.taxable ?? true,
      giftCard: item.isGiftCard ?? false,
      ...(tipLineIds.has(item.id) ? { tip: true } : {}),
      ...(nonEmpty(item.vendor) ? { vendor: nonEmpty(item.vendor) } : {}),
      ...(nonEmpty(item.product?.productType) ? { productType: nonEmpty(item.product?.productType) } : {}),
      path,
    };
  });

  const shippingLines = shared.shippingLines(
    nodesOf(order.shippingLines),
    "shippingLines",
    (line) => line.isRemoved,
    (line, path) => ({
      id: line.id ?? path,
      title: nonEmpty(line.title),
      code: nonEmpty(line.code),
      price: money.bag(line.originalPriceSet, `${path}.originalPriceSet`),
      discounts: discountsOf(line.discountAllocations ?? [], path),
      taxLines: taxLinesOf(line.taxLines, path),
      path,
    }),
  );

  // As on REST: the tip line items are booked, the order's tip total only when none is known.
  const tipTotal = money.bagOptional(order.totalTipReceivedSet, "totalTipReceivedSet");
  const tipLines = lines.filter((l) => l.tip);
  const tipOnLines = tipLines.reduce((acc, l) => acc + l.subtotal, 0);
  if (tipLines.length > 0 && tipOnLines !== tipTotal) {
    throw new DraftError(
      "invalidInput",
      "totalTipReceivedSet",
      `the tip line items add up to ${tipOnLines} minor units but the order received ${tipTotal}`,
    );
  }
  const fees = shared.tipAndDuties(
    { amount: tipLines.length > 0 ? 0 : tipTotal, path: "totalTipReceivedSet" },
    {
      amount: money.bagOptional(order.originalTotalDutiesSet, "originalTotalDutiesSet"),
      path: "originalTotalDutiesSet",
    },
    notes,
  );

  const transactions = mapGraphqlTransactions(nodesOf(order.transactions), money, "transactions");
  const financialStatus = order.displayFinancialStatus?.toLowerCase();
  const discountCodes = applications.map((a) => nonEmpty(a.code)).filter((c): c is string => Boolean(c));
  const gateways = order.paymentGatewayNames ?? [
    ...new Set(transactions.map((t) => t.gateway).filter(Boolean)),
  ];

  return shared.shopifyOrder(money, {
    id: order.id,
    name: order.name,
    number: order.number != null ? String(order.number) : numberFromName(order.name),
    createdAt: order.createdAt,
    paidAt: shared.paidAtOf(transactions, financialStatus, order.processedAt ?? order.createdAt),
    fulfilledAt: shared.fulfilledAtOf(
      order.displayFulfillmentStatus?.toUpperCase() === "FULFILLED",
      nodesOf(order.fulfillments)
        .filter((f) => f.status?.toUpperCase() === "SUCCESS")
        .map((f) => f.createdAt),
    ),
    cancelledAt: order.cancelledAt,
    financialStatus,
    test: order.test ?? false,
    pricesIncludeTax: order.taxesIncluded,
    customer: graphqlCustomer(order),
    lines,
    shippingLines,
    fees,
    orderDiscounts: [],
    discountCodes,
    transactions,
    paymentGateways: gateways,
    tags: order.tags ?? [],
    salesChannel: nonEmpty(order.sourceName),
    totals: {
      total: money.bag(order.totalPriceSet, "totalPriceSet"),
      tax: money.bagOptional(order.totalTaxSet, "totalTaxSet"),
      discounts: money.bagOptional(order.totalDiscountsSet, "totalDiscountsSet"),
      ...(order.currentTotalPriceSet
        ? { currentTotal: money.bag(order.currentTotalPriceSet, "currentTotalPriceSet") }
        : {}),
    },
    refunds: nodesOf(order.refunds).map((refund, i) =>
      mapGraphqlRefund(refund, { money, pricesIncludeTax: order.taxesIncluded }, `refunds[${i}].`),
    ),
    paths: { total: "totalPriceSet", tax: "totalTaxSet" },
    notes,
    exchangeRate: money.exchangeRate(
      order.totalPriceSet?.shopMoney?.amount,
      order.totalPriceSet?.presentmentMoney?.amount,
    ),
  });
}

/** The line items Shopify's sales records name as tips (`TipSale.lineItem`). */
function tipLineItemIds(order: GraphqlOrder): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const agreement of nodesOf(order.agreements)) {
    for (const sale of nodesOf(agreement.sales)) {
      if (sale.lineType?.toUpperCase() === "TIP" && sale.lineItem?.id) ids.add(sale.lineItem.id);
    }
  }
  return ids;
}

function graphqlCustomer(order: GraphqlOrder): Customer {
  const attributes = (order.customAttributes ?? []).map((a) => ({ name: a.key, value: a.value }));
  const vatNumber = attributeValue(attributes, "vat");
  const ean = attributeValue(attributes, "ean");
  const addressOf = (a: GraphqlOrder["billingAddress"]) =>
    toAddress(
      a && { ...a, line1: a.address1, line2: a.address2, countryCode: a.countryCodeV2 ?? a.countryCode },
    );
  const billing = addressOf(order.billingAddress);
  const shipping = addressOf(order.shippingAddress);
  const customer = order.customer;
  return customerOf({
    id: nonEmpty(customer?.id),
    email:
      nonEmpty(order.email) ??
      nonEmpty(customer?.defaultEmailAddress?.emailAddress) ??
      nonEmpty(customer?.email),
    phone: nonEmpty(order.phone) ?? nonEmpty(customer?.phone),
    firstName: nonEmpty(customer?.firstName),
    lastName: nonEmpty(customer?.lastName),
    // A B2B order names the buying company.
    company: nonEmpty(order.purchasingEntity?.company?.name) ?? billing?.company,
    vatNumber,
    ean,
    otherBusinessSign: false,
    taxExempt: Boolean(order.taxExempt || customer?.taxExempt),
    billingAddress: billing,
    shippingAddress: shipping,
  });
}
