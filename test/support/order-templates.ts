import fs from "node:fs";
import path from "node:path";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/shopify");

/** The synthetic Danish Shopify order and its refund, as raw webhook bodies. */
export const DANISH_ORDER = fs.readFileSync(
  path.join(FIXTURES, "order-dk-taxes-included.synthetic.json"),
  "utf8",
);
export const DANISH_REFUND = fs.readFileSync(
  path.join(FIXTURES, "refund-dk-taxes-included.synthetic.json"),
  "utf8",
);

const ORDER_ID = "5550000000000000001";
const REFUND_ID = "9990000000000000001";

/**
 * A copy of the Danish order (and its refund) with another order id and name, for tests that
 * need many distinct orders. The id stays above 2^53 on purpose.
 */
export function danishOrder(n: number): { order: string; refund: string; orderId: string; name: string } {
  const id = String(BigInt(ORDER_ID) + BigInt(n));
  const name = `#${2000 + n}`;
  return {
    order: DANISH_ORDER.replaceAll(ORDER_ID, id).replaceAll("#1042", name),
    refund: DANISH_REFUND.replaceAll(ORDER_ID, id).replaceAll(
      REFUND_ID,
      String(BigInt(REFUND_ID) + BigInt(n)),
    ),
    orderId: `gid://shopify/Order/${id}`,
    name,
  };
}
