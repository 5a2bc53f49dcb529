/**
 * Shopify's webhook payloads and REST fixtures → the Admin GraphQL object shape the simulator
 * stores and answers from. Only the fields the app's queries read are translated; the rules
 * (snake_case → camelCase, `*_set` money bags, `admin_graphql_api_id` → `id`, upper-case enums)
 * are Shopify's own naming between the two APIs.
 */

export type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function str(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}

function moneyBag(set: unknown): Json | null {
  if (!isObject(set)) return null;
  const money = (m: unknown) =>
    isObject(m) ? { amount: str(m.amount), currencyCode: str(m.currency_code) } : null;
  return { shopMoney: money(set.shop_money), presentmentMoney: money(set.presentment_money) };
}

function gid(resource: string, object: Json): string {
  return str(object.admin_graphql_api_id) ?? `gid://shopify/${resource}/${String(object.id)}`;
}

function taxLines(value: unknown): Json[] {
  return objects(value).map((t) => ({
    title: str(t.title),
    rate: t.rate ?? null,
    ratePercentage: typeof t.rate === "number" ? Math.round(t.rate * 1e6) / 1e4 : null,
    channelLiable: t.channel_liable ?? null,
    priceSet: moneyBag(t.price_set),
  }));
}

function discountAllocations(value: unknown): Json[] {
  return objects(value).map((a) => ({
    allocatedAmountSet: moneyBag(a.amount_set),
    discountApplication: { index: a.discount_application_index ?? null },
  }));
}

function address(value: unknown): Json | null {
  if (!isObject(value)) return null;
  return {
    company: str(value.company) || null,
    name: str(value.name),
    firstName: str(value.first_name),
    lastName: str(value.last_name),
    address1: str(value.address1),
    address2: str(value.address2) || null,
    zip: str(value.zip),
    city: str(value.city),
    province: str(value.province),
    provinceCode: str(value.province_code),
    country: str(value.country),
    countryCodeV2: str(value.country_code),
    phone: str(value.phone),
  };
}

const upper = (value: unknown) => (typeof value === "string" ? value.toUpperCase() : null);

/**
 * The order's two currencies and Shopify's rate between them (its total in both), which the
 * simulator uses where a REST body states an amount in one currency only.
 */
export interface OrderCurrencies {
  shop: string;
  presentment: string;
  /** Shop money per unit of presentment money. */
  rate: number;
}

export function orderCurrencies(order: Json): OrderCurrencies {
  const shop = str(order.currency) ?? "USD";
  const presentment = str(order.presentment_currency) ?? shop;
  const total = isObject(order.total_price_set) ? order.total_price_set : {};
  const shopTotal = Number(isObject(total.shop_money) ? total.shop_money.amount : NaN);
  const presentmentTotal = Number(isObject(total.presentment_money) ? total.presentment_money.amount : NaN);
  const rate = presentmentTotal > 0 && shopTotal > 0 ? shopTotal / presentmentTotal : 1;
  return { shop, presentment, rate: shop === presentment ? 1 : rate };
}

/** Two decimals, half away from zero, as Shopify states converted money. */
function converted(amount: string | null, rate: number): string | null {
  if (amount === null) return null;
  const cents = Math.round(Math.abs(Number(amount)) * rate * 100 + 1e-9) * Math.sign(Number(amount));
  return (cents / 100).toFixed(2);
}

/**
 * A REST transaction states its amount in the currency the customer paid in (`amount`,
 * `currency`) and has no `amount_set`; GraphQL's `amountSet` carries the shop money too, which
 * Shopify converts at the order's rate.
 */
export function restTransactionToGraphql(t: Json, currencies?: OrderCurrencies): Json {
  const amount = str(t.amount);
  const currency = str(t.currency);
  const set = moneyBag(t.amount_set) ?? transactionMoney(amount, currency, currencies);
  return {
    __typename: "OrderTransaction",
    id: gid("OrderTransaction", t),
    kind: upper(t.kind),
    status: upper(t.status),
    gateway: str(t.gateway),
    processedAt: str(t.processed_at),
    createdAt: str(t.created_at),
    test: t.test ?? false,
    amountSet: set,
    parentTransaction: t.parent_id ? { id: `gid://shopify/OrderTransaction/${String(t.parent_id)}` } : null,
  };
}

function transactionMoney(amount: string | null, currency: string | null, c: OrderCurrencies | undefined) {
  if (!c || c.shop === c.presentment || (currency !== null && currency === c.shop)) {
    return {
      shopMoney: { amount, currencyCode: currency },
      presentmentMoney: { amount, currencyCode: currency },
    };
  }
  return {
    shopMoney: { amount: converted(amount, c.rate), currencyCode: c.shop },
    presentmentMoney: { amount, currencyCode: currency ?? c.presentment },
  };
}

export function restRefundToGraphql(refund: Json, currencies?: OrderCurrencies): Json {
  return {
    __typename: "Refund",
    id: gid("Refund", refund),
    legacyResourceId: str(refund.id),
    createdAt: str(refund.created_at),
    processedAt: str(refund.processed_at ?? refund.created_at),
    note: str(refund.note),
    totalRefundedSet: null,
    refundLineItems: objects(refund.refund_line_items).map((r) => {
      const lineItem = isObject(r.line_item) ? r.line_item : { id: r.line_item_id };
      return {
        quantity: r.quantity,
        restockType: upper(r.restock_type),
        priceSet: moneyBag(isObject(r.line_item) ? r.line_item.price_set : null),
        subtotalSet: moneyBag(r.subtotal_set),
        totalTaxSet: moneyBag(r.total_tax_set),
        lineItem: { id: gid("LineItem", lineItem), sku: str(lineItem.sku), name: str(lineItem.name) },
      };
    }),
    refundShippingLines: objects(refund.refund_shipping_lines).map((s) => ({
      subtotalAmountSet: moneyBag(s.subtotal_amount_set),
      taxAmountSet: moneyBag(s.tax_amount_set),
      shippingLine: s.shipping_line_id
        ? { id: `gid://shopify/ShippingLine/${String(s.shipping_line_id)}` }
        : null,
    })),
    orderAdjustments: objects(refund.order_adjustments).map((a) => ({
      amountSet: moneyBag(a.amount_set),
      taxAmountSet: moneyBag(a.tax_amount_set),
      // 2026-10 has no `kind` on OrderAdjustment; a shipping refund is the one with no reason.
      reason: a.kind === "refund_discrepancy" ? "REFUND_DISCREPANCY" : null,
    })),
    transactions: objects(refund.transactions).map((t) => restTransactionToGraphql(t, currencies)),
  };
}

export function restOrderToGraphql(order: Json): Json {
  const customer = isObject(order.customer) ? order.customer : null;
  const paid = ["paid", "partially_refunded", "refunded"].includes(String(order.financial_status));
  const gateways = Array.isArray(order.payment_gateway_names) ? order.payment_gateway_names : [];
  const currencies = orderCurrencies(order);
  const lineItems = objects(order.line_items);
  const isTip = (l: Json) => Boolean(l.tip_payment_gateway ?? l.tip_payment_method);
  // orders/* payloads carry no transactions; a paid order gets the sale Shopify would hold.
  const transactions =
    objects(order.transactions).length > 0
      ? objects(order.transactions).map((t) => restTransactionToGraphql(t, currencies))
      : paid
        ? [
            {
              __typename: "OrderTransaction",
              id: `gid://shopify/OrderTransaction/${String(order.id)}1`,
              kind: "SALE",
              status: "SUCCESS",
              gateway: str(gateways[0]) ?? "shopify_payments",
              processedAt: str(order.processed_at),
              createdAt: str(order.processed_at),
              test: order.test ?? false,
              amountSet: moneyBag(order.total_price_set),
              parentTransaction: null,
            },
          ]
        : [];
  return {
    __typename: "Order",
    id: gid("Order", order),
    legacyResourceId: str(order.id),
    name: str(order.name),
    createdAt: str(order.created_at),
    processedAt: str(order.processed_at),
    updatedAt: str(order.updated_at) ?? str(order.created_at),
    cancelledAt: str(order.cancelled_at),
    cancelReason: upper(order.cancel_reason),
    closedAt: str(order.closed_at),
    test: order.test ?? false,
    email: str(order.email),
    phone: str(order.phone),
    poNumber: str(order.po_number),
    note: str(order.note),
    sourceName: str(order.source_name),
    tags:
      str(order.tags)
        ?.split(",")
        .map((tag) => tag.trim())
        .filter((tag) => tag !== "") ?? [],
    currencyCode: str(order.currency),
    presentmentCurrencyCode: str(order.presentment_currency) ?? str(order.currency),
    taxesIncluded: order.taxes_included ?? false,
    taxExempt: order.tax_exempt ?? false,
    displayFinancialStatus: upper(order.financial_status),
    displayFulfillmentStatus: upper(order.fulfillment_status) ?? "UNFULFILLED",
    subtotalPriceSet: moneyBag(order.subtotal_price_set),
    totalPriceSet: moneyBag(order.total_price_set),
    totalTaxSet: moneyBag(order.total_tax_set),
    totalDiscountsSet: moneyBag(order.total_discounts_set),
    totalShippingPriceSet: moneyBag(order.total_shipping_price_set),
    currentTotalPriceSet: moneyBag(order.current_total_price_set),
    currentSubtotalPriceSet: moneyBag(order.current_subtotal_price_set),
    currentTotalTaxSet: moneyBag(order.current_total_tax_set),
    totalRefundedSet: null,
    totalTipReceivedSet: tipReceived(order, lineItems.filter(isTip), currencies),
    paymentGatewayNames: gateways,
    customAttributes: objects(order.note_attributes).map((a) => ({ key: str(a.name), value: str(a.value) })),
    taxLines: taxLines(order.tax_lines),
    discountApplications: objects(order.discount_applications).map((d, index) => ({
      __typename:
        d.type === "discount_code"
          ? "DiscountCodeApplication"
          : d.type === "manual"
            ? "ManualDiscountApplication"
            : "AutomaticDiscountApplication",
      index,
      allocationMethod: upper(d.allocation_method),
      targetSelection: upper(d.target_selection),
      targetType: upper(d.target_type),
      code: str(d.code),
      title: str(d.title) ?? str(d.code),
      description: str(d.description),
      value:
        d.value_type === "percentage"
          ? { __typename: "PricingPercentageValue", percentage: Number(d.value) }
          : { __typename: "MoneyV2", amount: str(d.value), currencyCode: str(order.presentment_currency) },
    })),
    customer: customer && {
      __typename: "Customer",
      id: gid("Customer", customer),
      legacyResourceId: str(customer.id),
      firstName: str(customer.first_name),
      lastName: str(customer.last_name),
      displayName: [customer.first_name, customer.last_name].filter(Boolean).join(" ") || null,
      email: str(customer.email),
      phone: str(customer.phone),
      taxExempt: customer.tax_exempt ?? false,
      defaultEmailAddress: customer.email ? { emailAddress: str(customer.email) } : null,
    },
    billingAddress: address(order.billing_address),
    shippingAddress: address(order.shipping_address),
    purchasingEntity: null,
    // GraphQL flags no line item as a tip; the order's sales records do (a TipSale per tip line).
    agreements: [
      {
        __typename: "OrderAgreement",
        id: `gid://shopify/OrderAgreement/${String(order.id)}`,
        reason: "ORDER",
        happenedAt: str(order.processed_at) ?? str(order.created_at),
        sales: lineItems.map((l) => ({
          __typename: isTip(l) ? "TipSale" : "ProductSale",
          id: `gid://shopify/Sale/${String(l.id)}`,
          actionType: "ORDER",
          lineType: isTip(l) ? "TIP" : "PRODUCT",
          quantity: l.quantity,
          lineItem: { id: gid("LineItem", l) },
        })),
      },
    ],
    lineItems: lineItems.map((l) => ({
      __typename: "LineItem",
      id: gid("LineItem", l),
      name: str(l.name),
      title: str(l.title),
      sku: str(l.sku),
      variantTitle: str(l.variant_title),
      quantity: l.quantity,
      currentQuantity: l.current_quantity ?? l.quantity,
      taxable: l.taxable ?? true,
      requiresShipping: l.requires_shipping ?? true,
      isGiftCard: l.gift_card ?? false,
      variant: l.variant_id
        ? { id: `gid://shopify/ProductVariant/${String(l.variant_id)}`, sku: str(l.sku) }
        : null,
      vendor: str(l.vendor),
      product: l.product_id
        ? { id: `gid://shopify/Product/${String(l.product_id)}`, productType: str(l.product_type) ?? "" }
        : null,
      originalUnitPriceSet: moneyBag(l.price_set),
      originalTotalSet: null,
      taxLines: taxLines(l.tax_lines),
      discountAllocations: discountAllocations(l.discount_allocations),
    })),
    shippingLines: objects(order.shipping_lines).map((s) => ({
      __typename: "ShippingLine",
      id: `gid://shopify/ShippingLine/${String(s.id)}`,
      title: str(s.title),
      code: str(s.code),
      source: str(s.source),
      isRemoved: s.is_removed ?? false,
      originalPriceSet: moneyBag(s.price_set),
      discountedPriceSet: moneyBag(s.discounted_price_set),
      taxLines: taxLines(s.tax_lines),
      discountAllocations: discountAllocations(s.discount_allocations),
    })),
    transactions,
    refunds: objects(order.refunds).map((r) => restRefundToGraphql(r, currencies)),
    fulfillments: objects(order.fulfillments).map((f) => ({
      __typename: "Fulfillment",
      id: gid("Fulfillment", f),
      name: str(f.name),
      status: upper(f.status),
      createdAt: str(f.created_at),
      trackingInfo: [],
      fulfillmentLineItems: [],
    })),
    metafield: null,
  };
}

/**
 * `total_tip_received` is shop money only; the presentment side is the tip lines' own, or the
 * shop amount converted when the order has no tip line.
 */
function tipReceived(order: Json, tipLines: Json[], c: OrderCurrencies): Json | null {
  const shopAmount = str(order.total_tip_received);
  if (shopAmount === null) return null;
  const onLines = tipLines.reduce((acc, l) => {
    const set = isObject(l.price_set) ? l.price_set : {};
    const presentment = isObject(set.presentment_money) ? set.presentment_money.amount : l.price;
    return acc + Math.round(Number(presentment) * 100) * Number(l.quantity ?? 1);
  }, 0);
  const presentmentAmount =
    c.shop === c.presentment
      ? shopAmount
      : tipLines.length > 0
        ? (onLines / 100).toFixed(2)
        : converted(shopAmount, 1 / c.rate);
  return {
    shopMoney: { amount: shopAmount, currencyCode: c.shop },
    presentmentMoney: { amount: presentmentAmount, currencyCode: c.presentment },
  };
}
