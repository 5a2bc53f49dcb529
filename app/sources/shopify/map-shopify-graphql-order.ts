import { DraftError } from "../../domain/draft-errors";
import type {
  Customer,
  DiscountAllocation,
  FeeLine,
  Order,
  OrderLine,
  ShippingLine,
  TaxLine,
} from "../../domain/order";
import { rateFractionToBasisPoints, ratePercentToBasisPoints } from "../../domain/vat/vat-rate-format";
import { mapGraphqlRefund } from "./map-shopify-refund";
import { attributeValue, nonEmpty, numberFromName, toAddress } from "./shopify-buyer";
import { nodesOf, type GraphqlOrder, type GraphqlTaxLine } from "./shopify-graphql-schemas";
import { ShopifyMoney, type DocumentCurrencyMode, type GraphqlMoneyBag } from "./shopify-money";
import { mapGraphqlTransactions } from "./shopify-transactions";

const PAID = new Set(["paid", "partially_refunded", "refunded"]);

/** A parsed Admin GraphQL order (the `OrderForInvoice` query) → the canonical Order. */
export function mapShopifyGraphqlOrder(order: GraphqlOrder, mode: DocumentCurrencyMode): Order {
  const money = ShopifyMoney.fromCodes(mode, order.currencyCode, order.presentmentCurrencyCode, {
    shop: "currencyCode",
    presentment: "presentmentCurrencyCode",
  });
  const notes: string[] = [];
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
      const code = nonEmpty(a.discountApplication?.code) ?? nonEmpty(application?.code);
      const title = nonEmpty(a.discountApplication?.title) ?? nonEmpty(application?.title);
      return {
        amount: money.bag(a.allocatedAmountSet, `${path}.discountAllocations[${j}].allocatedAmountSet`),
        ...(code ? { code } : {}),
        ...(title ? { title } : {}),
      };
    });

  const taxLinesOf = (
    taxLines: readonly GraphqlTaxLine[] | null | undefined,
    path: string,
  ): TaxLine[] | undefined =>
    taxLines?.map((t, k) => ({
      title: t.title ?? "Tax",
      rate:
        t.ratePercentage != null
          ? ratePercentToBasisPoints(t.ratePercentage)
          : rateFractionToBasisPoints(t.rate ?? 0),
      amount: money.bag(t.priceSet, `${path}.taxLines[${k}].priceSet`),
      rateSource: "stated" as const,
      ...(t.channelLiable ? { channelLiable: true } : {}),
    }));

  const lines: OrderLine[] = [];
  nodesOf(order.lineItems).forEach((item, i) => {
    const path = `lineItems[${i}]`;
    if (!Number.isInteger(item.quantity) || item.quantity < 0) {
      throw new DraftError(
        "invalidInput",
        `${path}.quantity`,
        `quantity must be a whole number ≥ 0, got ${item.quantity}`,
      );
    }
    if (item.quantity === 0) {
      notes.push(`${path}: quantity 0, left out`);
      return;
    }
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
    const sku = nonEmpty(item.sku) ?? nonEmpty(item.variant?.sku);
    const variantTitle = nonEmpty(item.variantTitle) ?? nonEmpty(item.variant?.title);
    lines.push({
      id: item.id,
      ...(sku ? { sku } : {}),
      title: nonEmpty(item.name) ?? nonEmpty(item.title) ?? "Item",
      ...(variantTitle ? { variantTitle } : {}),
      quantity: item.quantity,
      ...(item.currentQuantity != null ? { currentQuantity: item.currentQuantity } : {}),
      ...(unitPrice !== undefined ? { unitPrice } : {}),
      subtotal,
      discounts: discountsOf(item.discountAllocations ?? [], path),
      taxLines: taxLinesOf(item.taxLines, path),
      taxable: item.taxable ?? true,
      giftCard: item.isGiftCard ?? false,
      path,
    });
  });

  const shippingLines: ShippingLine[] = [];
  nodesOf(order.shippingLines).forEach((line, i) => {
    if (line.isRemoved) return;
    const path = `shippingLines[${i}]`;
    const code = nonEmpty(line.code);
    shippingLines.push({
      id: line.id ?? path,
      title: nonEmpty(line.title) ?? code ?? "",
      ...(code ? { code } : {}),
      price: money.bag(line.originalPriceSet, `${path}.originalPriceSet`),
      discounts: discountsOf(line.discountAllocations ?? [], path),
      taxLines: taxLinesOf(line.taxLines, path),
      path,
    });
  });

  const fees: FeeLine[] = [];
  const tip = money.bagOptional(order.totalTipReceivedSet, "totalTipReceivedSet");
  if (tip !== 0)
    fees.push({
      id: "tip",
      title: "Tip",
      amount: tip,
      taxLines: [],
      taxable: false,
      path: "totalTipReceivedSet",
    });
  const duties = money.bagOptional(order.originalTotalDutiesSet, "originalTotalDutiesSet");
  if (duties !== 0) {
    fees.push({
      id: "duties",
      title: "Duties",
      amount: duties,
      taxLines: [],
      taxable: false,
      path: "originalTotalDutiesSet",
    });
    notes.push("Import duties collected at checkout are booked as a VAT-free fee line");
  }

  const transactions = mapGraphqlTransactions(nodesOf(order.transactions), money, "transactions");
  const firstPayment = transactions.find(
    (t) => (t.kind === "sale" || t.kind === "capture") && t.status === "success",
  );
  const financialStatus = order.displayFinancialStatus?.toLowerCase();
  const paidAt =
    firstPayment?.processedAt ??
    (financialStatus && PAID.has(financialStatus) ? (order.processedAt ?? order.createdAt) : undefined);
  const fulfilledAt =
    order.displayFulfillmentStatus?.toUpperCase() === "FULFILLED"
      ? nodesOf(order.fulfillments)
          .filter((f) => f.status?.toUpperCase() === "SUCCESS" && f.createdAt)
          .map((f) => f.createdAt as string)
          .sort()
          .at(-1)
      : undefined;
  const discountCodes = applications.map((a) => nonEmpty(a.code)).filter((c): c is string => Boolean(c));
  const gateways = order.paymentGatewayNames ?? [
    ...new Set(transactions.map((t) => t.gateway).filter(Boolean)),
  ];

  return {
    source: "shopify",
    id: order.id,
    name: order.name,
    number: order.number != null ? String(order.number) : numberFromName(order.name),
    createdAt: order.createdAt,
    ...(paidAt ? { paidAt } : {}),
    ...(fulfilledAt ? { fulfilledAt } : {}),
    ...(order.cancelledAt ? { cancelledAt: order.cancelledAt } : {}),
    ...(financialStatus ? { financialStatus } : {}),
    test: order.test ?? false,
    currency: money.document,
    shopCurrency: money.shop,
    presentmentCurrency: money.presentment,
    pricesIncludeTax: order.taxesIncluded,
    customer: graphqlCustomer(order),
    lines,
    shippingLines,
    fees,
    orderDiscounts: [],
    discountCodes,
    transactions,
    paymentGateways: gateways,
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
  };
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
  const email =
    nonEmpty(order.email) ??
    nonEmpty(customer?.defaultEmailAddress?.emailAddress) ??
    nonEmpty(customer?.email);
  const phone = nonEmpty(order.phone) ?? nonEmpty(customer?.phone);
  const b2bCompany = nonEmpty(order.purchasingEntity?.company?.name);
  const company = b2bCompany ?? billing?.company;
  const firstName = nonEmpty(customer?.firstName);
  const lastName = nonEmpty(customer?.lastName);
  const customerId = nonEmpty(customer?.id);
  return {
    ...(customerId ? { id: customerId } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
    ...(company ? { company } : {}),
    ...(vatNumber ? { vatNumber } : {}),
    ...(ean ? { ean } : {}),
    isBusiness: Boolean(company || vatNumber || ean),
    taxExempt: Boolean(order.taxExempt || customer?.taxExempt),
    ...(billing ? { billingAddress: billing } : {}),
    ...(shipping ? { shippingAddress: shipping } : {}),
  };
}
