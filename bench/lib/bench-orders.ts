import { danishOrder } from "../../test/support/order-templates";

/**
 * Distinct copies of the synthetic Danish order (order-dk-taxes-included.synthetic.json): the
 * same buyer and SKUs (as a shop's repeat customers and catalogue are), a new order id and name.
 * `today` moves its dates to the current day, for ledgers that only book into an open year.
 */
export function benchOrder(n: number, options: { today?: boolean } = {}): { body: string; orderId: string } {
  const order = danishOrder(n);
  const body = options.today
    ? order.order.replaceAll("2025-05-12", new Date().toISOString().slice(0, 10))
    : order.order;
  return { body, orderId: order.orderId };
}
