import { DraftError } from "../../domain/draft-errors";
import type {
  DiscountAllocation,
  FeeLine,
  Order,
  OrderLine,
  ShippingLine,
  TaxLine,
  Transaction,
} from "../../domain/order";
import type { ShopifyMoney } from "./shopify-money";
import { draftWarning, type DraftWarning } from "../../domain/draft-warning";

/**
 * The steps the REST and the GraphQL order mapper take alike, once each has read a value from
 * its own payload shape. Property order is kept as the mappers always wrote it: the golden files
 * print the canonical order as JSON.
 */

const PAID = new Set(["paid", "partially_refunded", "refunded"]);

/**
 * The order's item lines, each at `${field}[i]`; a line an edit took out (quantity 0) is left
 * out with a note.
 */
export function itemLines<T extends { quantity: number }>(
  items: readonly T[],
  field: string,
  notes: DraftWarning[],
  read: (item: T, path: string) => OrderLineFields,
): OrderLine[] {
  const lines: OrderLine[] = [];
  items.forEach((item, i) => {
    const path = `${field}[${i}]`;
    if (keepsLine(item.quantity, path, notes)) lines.push(orderLine(read(item, path)));
  });
  return lines;
}

/** Order and refund lines alike: a quantity is a whole number ≥ 0. */
export function checkQuantity(quantity: number, path: string): void {
  if (!Number.isInteger(quantity) || quantity < 0) {
    throw new DraftError(
      "invalidInput",
      `${path}.quantity`,
      `quantity must be a whole number ≥ 0, got ${quantity}`,
    );
  }
}

function keepsLine(quantity: number, path: string, notes: DraftWarning[]): boolean {
  checkQuantity(quantity, path);
  if (quantity === 0) {
    notes.push(draftWarning("preview.warning.lineLeftOut", { field: path }));
    return false;
  }
  return true;
}

export function discountAllocation(
  amount: number,
  code: string | undefined,
  title: string | undefined,
): DiscountAllocation {
  return { amount, ...(code ? { code } : {}), ...(title ? { title } : {}) };
}

/** A tax line whose rate Shopify states. */
export function statedTaxLine(
  line: { title?: string | null | undefined },
  rate: number,
  amount: number,
  channelLiable: boolean | null | undefined,
): TaxLine {
  return {
    title: line.title ?? "Tax",
    rate,
    amount,
    rateSource: "stated",
    ...(channelLiable ? { channelLiable: true } : {}),
  };
}

export interface OrderLineFields extends Omit<
  OrderLine,
  "sku" | "title" | "variantTitle" | "currentQuantity" | "unitPrice" | "path"
> {
  sku: string | undefined;
  /** The line's name, else its product title; "Item" when it has neither. */
  title: string | undefined;
  variantTitle: string | undefined;
  currentQuantity: number | null | undefined;
  unitPrice: number | undefined;
  path: string;
}

function orderLine(line: OrderLineFields): OrderLine {
  const { sku, variantTitle, currentQuantity, unitPrice } = line;
  return {
    id: line.id,
    ...(sku ? { sku } : {}),
    title: line.title ?? "Item",
    ...(variantTitle ? { variantTitle } : {}),
    quantity: line.quantity,
    ...(currentQuantity != null ? { currentQuantity } : {}),
    ...(unitPrice !== undefined ? { unitPrice } : {}),
    subtotal: line.subtotal,
    discounts: line.discounts,
    taxLines: line.taxLines,
    taxable: line.taxable,
    giftCard: line.giftCard,
    ...(line.tip ? { tip: true } : {}),
    ...(line.vendor ? { vendor: line.vendor } : {}),
    ...(line.productType ? { productType: line.productType } : {}),
    path: line.path,
  };
}

export type ShippingLineFields = Omit<ShippingLine, "code" | "title" | "path"> & {
  /** Falls back to the code. */
  title: string | undefined;
  code: string | undefined;
  path: string;
};

/** The order's shipping lines that were not removed, each at `${field}[i]`. */
export function shippingLines<T>(
  lines: readonly T[],
  field: string,
  isRemoved: (line: T) => boolean | null | undefined,
  read: (line: T, path: string) => ShippingLineFields,
): ShippingLine[] {
  const mapped: ShippingLine[] = [];
  lines.forEach((line, i) => {
    if (!isRemoved(line)) mapped.push(shippingLine(read(line, `${field}[${i}]`)));
  });
  return mapped;
}

function shippingLine(line: ShippingLineFields): ShippingLine {
  const { code } = line;
  return {
    id: line.id,
    title: line.title ?? code ?? "",
    ...(code ? { code } : {}),
    price: line.price,
    discounts: line.discounts,
    taxLines: line.taxLines,
    path: line.path,
  };
}

/** The tip and the import duties paid at checkout, as VAT-free fee lines. */
export function tipAndDuties(
  tip: { amount: number; path: string },
  duties: { amount: number; path: string },
  notes: DraftWarning[],
): FeeLine[] {
  const fees: FeeLine[] = [];
  if (tip.amount !== 0) fees.push(vatFreeFee("tip", "Tip", tip));
  if (duties.amount !== 0) {
    fees.push(vatFreeFee("duties", "Duties", duties));
    notes.push(draftWarning("preview.warning.dutiesFee"));
  }
  return fees;
}

function vatFreeFee(id: string, title: string, fee: { amount: number; path: string }): FeeLine {
  return { id, title, amount: fee.amount, taxLines: [], taxable: false, path: fee.path };
}

/**
 * When the order was paid: its first successful sale or capture, else — for an order whose
 * status says paid — when it was placed.
 */
export function paidAtOf(
  transactions: readonly Transaction[],
  financialStatus: string | undefined,
  placedAt: string,
): string | undefined {
  const firstPayment = transactions.find(
    (t) => (t.kind === "sale" || t.kind === "capture") && t.status === "success",
  );
  return firstPayment?.processedAt ?? (financialStatus && PAID.has(financialStatus) ? placedAt : undefined);
}

/** When a fulfilled order was last fulfilled, from its successful fulfilments' dates. */
export function fulfilledAtOf(
  fulfilled: boolean,
  successfulAt: ReadonlyArray<string | null | undefined>,
): string | undefined {
  if (!fulfilled) return undefined;
  return successfulAt
    .filter((at): at is string => Boolean(at))
    .sort()
    .at(-1);
}

type Optional =
  "paidAt" | "fulfilledAt" | "cancelledAt" | "financialStatus" | "exchangeRate" | "tags" | "salesChannel";
type FromMoney = "source" | "currency" | "shopCurrency" | "presentmentCurrency";

export type ShopifyOrderFields = Omit<Order, Optional | FromMoney> & {
  [K in Exclude<Optional, "exchangeRate" | "tags">]: string | null | undefined;
} & { exchangeRate: Order["exchangeRate"]; tags: readonly string[] };

/** The canonical Shopify order, in the currencies `money` chose. */
export function shopifyOrder(money: ShopifyMoney, o: ShopifyOrderFields): Order {
  const { paidAt, fulfilledAt, cancelledAt, financialStatus } = o;
  return {
    source: "shopify",
    id: o.id,
    name: o.name,
    number: o.number,
    createdAt: o.createdAt,
    ...(paidAt ? { paidAt } : {}),
    ...(fulfilledAt ? { fulfilledAt } : {}),
    ...(cancelledAt ? { cancelledAt } : {}),
    ...(financialStatus ? { financialStatus } : {}),
    test: o.test,
    currency: money.document,
    shopCurrency: money.shop,
    presentmentCurrency: money.presentment,
    pricesIncludeTax: o.pricesIncludeTax,
    customer: o.customer,
    lines: o.lines,
    shippingLines: o.shippingLines,
    fees: o.fees,
    orderDiscounts: o.orderDiscounts,
    discountCodes: o.discountCodes,
    transactions: o.transactions,
    paymentGateways: o.paymentGateways,
    ...(o.tags.length > 0 ? { tags: [...o.tags] } : {}),
    ...(o.salesChannel ? { salesChannel: o.salesChannel } : {}),
    totals: o.totals,
    refunds: o.refunds,
    paths: o.paths,
    notes: o.notes,
    ...(o.exchangeRate ? { exchangeRate: o.exchangeRate } : {}),
  };
}
