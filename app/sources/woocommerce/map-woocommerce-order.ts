import { DraftError } from "../../domain/draft-errors";
import { customerOf } from "../customer-of";
import type {
  Address,
  Customer,
  FeeLine,
  Order,
  OrderLine,
  ShippingLine,
  Transaction,
} from "../../domain/order";
import { sourceAmount, sourceCurrency } from "../source-money";
import { parseJsonSafely } from "../shopify/parse-json-safely";
import { zodToDraftError } from "../zod-draft-error";
import { decodeEntities } from "./decode-entities";
import { buildRateTable, lineTaxLines } from "./woocommerce-taxes";
import { wooOrder, type WooOrder } from "./woocommerce-schemas";
import { draftWarning, type DraftWarning } from "../../domain/draft-warning";

const UNPAID = new Set(["pending", "failed", "cancelled", "checkout-draft", "trash", "on-hold"]);

/**
 * A WooCommerce REST order (v2/v3 `GET /orders/<id>` or an order webhook body) → the canonical
 * Order. WooCommerce line totals are always net of tax, with the tax in separate fields; when the
 * shop shows prices including tax the mapper adds them back, so amounts follow the order's basis.
 * Coupons are already spread over the lines (subtotal − total per line).
 */
export function mapWooCommerceOrder(input: string | unknown): Order {
  const payload = typeof input === "string" ? parseJsonSafely(input) : input;
  const parsed = wooOrder.safeParse(payload);
  if (!parsed.success) throw zodToDraftError(parsed.error);
  return mapParsedOrder(parsed.data);
}

function mapParsedOrder(order: WooOrder): Order {
  const code = sourceCurrency(order.currency, "currency");
  const inclusive = order.prices_include_tax;
  const notes: DraftWarning[] = [];
  const money = (value: string | number | null | undefined, field: string) =>
    sourceAmount(value, code, field);
  const optional = (value: string | number | null | undefined, field: string) =>
    value === null || value === undefined || value === "" ? 0 : money(value, field);

  const taxed = [
    ...order.line_items.map((l, i) => ({
      total: money(l.total, `line_items[${i}].total`),
      taxes: l.taxes ?? [],
    })),
    ...(order.shipping_lines ?? []).map((l, i) => ({
      total: money(l.total, `shipping_lines[${i}].total`),
      taxes: l.taxes ?? [],
    })),
    ...(order.fee_lines ?? []).map((l, i) => ({
      total: money(l.total, `fee_lines[${i}].total`),
      taxes: l.taxes ?? [],
    })),
  ];
  const rates = buildRateTable(order.tax_lines ?? [], taxed, code);
  const coupons = (order.coupon_lines ?? []).map((c) => c.code).filter(Boolean);
  const couponCode = coupons.length === 1 ? coupons[0] : undefined;

  const lines: OrderLine[] = order.line_items.map((item, i) => {
    const path = `line_items[${i}]`;
    if (!Number.isInteger(item.quantity) || item.quantity <= 0) {
      throw new DraftError(
        "invalidInput",
        `${path}.quantity`,
        `quantity must be a positive whole number, got ${item.quantity}`,
      );
    }
    const subtotalTax = optional(item.subtotal_tax, `${path}.subtotal_tax`);
    const totalTax = optional(item.total_tax, `${path}.total_tax`);
    const subtotal = money(item.subtotal, `${path}.subtotal`) + (inclusive ? subtotalTax : 0);
    const after = money(item.total, `${path}.total`) + (inclusive ? totalTax : 0);
    const discount = subtotal - after;
    const sku = item.sku?.trim() || undefined;
    return {
      id: String(item.id),
      ...(sku ? { sku } : {}),
      title: decodeEntities(item.name ?? "") || "Item",
      quantity: item.quantity,
      ...(subtotal % item.quantity === 0 ? { unitPrice: subtotal / item.quantity } : {}),
      subtotal,
      discounts:
        discount !== 0
          ? [
              {
                amount: discount,
                ...(couponCode ? { code: couponCode } : {}),
                ...(coupons.length > 1 ? { title: coupons.join(", ") } : {}),
              },
            ]
          : [],
      taxLines: lineTaxLines(item.taxes ?? [], totalTax, rates, code),
      // The tax before the coupon, as WooCommerce rounded it: the coupon's own tax is the rest.
      ...(hasValue(item.subtotal_tax) ? { subtotalTax } : {}),
      taxable: true,
      giftCard: false,
      path,
    };
  });

  const shippingLines: ShippingLine[] = (order.shipping_lines ?? []).map((line, i) => {
    const path = `shipping_lines[${i}]`;
    const tax = optional(line.total_tax, `${path}.total_tax`);
    return {
      id: String(line.id),
      title: decodeEntities(line.method_title ?? ""),
      ...(line.method_id ? { code: line.method_id } : {}),
      price: money(line.total, `${path}.total`) + (inclusive ? tax : 0),
      discounts: [],
      taxLines: lineTaxLines(line.taxes ?? [], tax, rates, code),
      path,
    };
  });

  const fees: FeeLine[] = (order.fee_lines ?? []).map((fee, i) => {
    const path = `fee_lines[${i}]`;
    const tax = optional(fee.total_tax, `${path}.total_tax`);
    return {
      id: String(fee.id),
      title: decodeEntities(fee.name ?? ""),
      amount: money(fee.total, `${path}.total`) + (inclusive ? tax : 0),
      taxLines: lineTaxLines(fee.taxes ?? [], tax, rates, code),
      taxable: (fee.tax_status ?? "taxable") === "taxable",
      path,
    };
  });

  const total = money(order.total, "total");
  const status = order.status?.toLowerCase();
  const createdAt = order.date_created ?? order.date_created_gmt;
  if (!createdAt) throw new DraftError("invalidInput", "date_created", "the order has no creation date");
  const gateway = order.payment_method?.trim() || undefined;
  const transactions: Transaction[] =
    order.date_paid && !UNPAID.has(status ?? "")
      ? [
          {
            id: order.transaction_id?.trim() || `wc-order-${String(order.id)}`,
            kind: "sale",
            status: "success",
            gateway: gateway ?? "unknown",
            amount: total,
            processedAt: order.date_paid,
          },
        ]
      : [];
  if ((order.refunds ?? []).length > 0) {
    notes.push(draftWarning("preview.warning.refundsEachCredited", { count: (order.refunds ?? []).length }));
  }

  return {
    source: "woocommerce",
    id: String(order.id),
    name: `#${String(order.number ?? order.id)}`,
    number: String(order.number ?? order.id),
    createdAt,
    ...(order.date_paid ? { paidAt: order.date_paid } : {}),
    ...(order.date_completed ? { fulfilledAt: order.date_completed } : {}),
    ...(status === "cancelled" ? { cancelledAt: order.date_modified ?? createdAt } : {}),
    ...(status ? { financialStatus: status } : {}),
    test: false,
    currency: code,
    shopCurrency: code,
    presentmentCurrency: code,
    pricesIncludeTax: inclusive,
    customer: wooCustomer(order),
    lines,
    shippingLines,
    fees,
    orderDiscounts: [],
    discountCodes: coupons,
    transactions,
    paymentGateways: gateway ? [gateway] : [],
    ...(order.created_via ? { salesChannel: order.created_via } : {}),
    totals: {
      total,
      tax: optional(order.total_tax, "total_tax"),
      discounts:
        optional(order.discount_total, "discount_total") +
        (inclusive ? optional(order.discount_tax, "discount_tax") : 0),
    },
    refunds: [],
    paths: { total: "total", tax: "total_tax" },
    notes,
  };
}

function hasValue(value: string | number | null | undefined): boolean {
  return value !== null && value !== undefined && value !== "";
}

const VAT_KEY = /vat|cvr|moms/i;
const EAN_KEY = /(^|[^a-z])(ean|gln)([^a-z]|$)/i;

function wooCustomer(order: WooOrder): Customer {
  const meta = order.meta_data ?? [];
  const metaValue = (pattern: RegExp) => {
    const found = meta.find(
      (m) => pattern.test(m.key) && (typeof m.value === "string" || typeof m.value === "number"),
    );
    const value = found ? String(found.value).trim() : "";
    return value || undefined;
  };
  const vatNumber = metaValue(VAT_KEY);
  const ean = metaValue(EAN_KEY);
  const billing = wooAddress(order.billing);
  const shipping = wooAddress(order.shipping);
  const email = order.billing?.email?.trim() || undefined;
  const phone = order.billing?.phone?.trim() || undefined;
  const company = billing?.company;
  const customerId =
    order.customer_id !== null && order.customer_id !== undefined && Number(order.customer_id) > 0
      ? String(order.customer_id)
      : undefined;
  const firstName = order.billing?.first_name?.trim() || undefined;
  const lastName = order.billing?.last_name?.trim() || undefined;
  return customerOf({
    id: customerId,
    email,
    phone,
    firstName,
    lastName,
    company,
    vatNumber,
    ean,
    otherBusinessSign: false,
    taxExempt: false,
    billingAddress: billing,
    shippingAddress: shipping,
  });
}

function wooAddress(address: WooOrder["billing"]): Address | undefined {
  if (!address) return undefined;
  const result: Address = {};
  const name = [address.first_name, address.last_name]
    .map((s) => s?.trim())
    .filter(Boolean)
    .join(" ");
  if (name) result.name = name;
  const set = (key: keyof Address, value: string | null | undefined) => {
    const trimmed = value?.trim();
    if (trimmed) result[key] = trimmed;
  };
  set("company", address.company);
  set("line1", address.address_1);
  set("line2", address.address_2);
  set("zip", address.postcode);
  set("city", address.city);
  set("province", address.state);
  set("countryCode", address.country?.toUpperCase());
  set("phone", address.phone);
  return Object.keys(result).length > 0 ? result : undefined;
}
