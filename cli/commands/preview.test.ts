import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runPreview } from "./preview";

const fixture = (path: string) =>
  readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), "utf8");

/** An io whose files live in a map; missing files fail like fs does. */
function memoryIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (text: string) => out.push(text),
      stderr: (text: string) => err.push(text),
      readFile: async (path: string) => {
        const content = files[path];
        if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
        return content;
      },
    },
  };
}

const dkOrder = fixture("shopify/order-dk-taxes-included.synthetic.json");
const dkRefund = fixture("shopify/refund-dk-taxes-included.synthetic.json");
const giftSettings = fixture("shopify/settings-gift-cards.json");

async function run(args: string[], files: Record<string, string>) {
  const { io, out, err } = memoryIo(files);
  const code = await runPreview(args, io);
  return { code, out, err };
}

/** The DK order with one change applied to its parsed JSON. */
function variant(
  change: (order: Record<string, unknown> & { line_items: Array<Record<string, unknown>> }) => void,
): string {
  const order = JSON.parse(dkOrder) as Record<string, unknown> & {
    line_items: Array<Record<string, unknown>>;
  };
  change(order);
  return JSON.stringify(order);
}

describe("ledger-bridge preview", () => {
  it("prints the invoice as one JSON document", async () => {
    const { code, out, err } = await run(
      ["--source", "shopify", "--order", "o.json", "--settings", "s.json"],
      { "o.json": dkOrder, "s.json": giftSettings },
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const doc = JSON.parse(out[0] ?? "") as {
      kind: string;
      currency: string;
      lines: Array<Record<string, string>>;
      totals: Record<string, string>;
    };
    expect(doc.kind).toBe("invoice");
    expect(doc.currency).toBe("DKK");
    expect(doc.totals).toEqual({ net: "707.16", vat: "126.79", gross: "833.95" });
    expect(doc.lines[0]).toEqual({
      kind: "item",
      description: "Kaffekop - Blå",
      sku: "KOP-BLA",
      quantity: "2",
      unitNet: "100.00",
      vatRate: "25",
      net: "200.00",
      vat: "50.00",
      gross: "250.00",
      account: "1000",
    });
    expect(doc.lines.map((l) => l.kind)).toEqual(["item", "item", "giftCard", "discount", "shipping"]);
  });

  it("prints the credit note with --refund", async () => {
    const { code, out } = await run(
      ["--source=shopify", "--order=o.json", "--refund=r.json", "--settings=s.json"],
      {
        "o.json": dkOrder,
        "r.json": dkRefund,
        "s.json": giftSettings,
      },
    );
    expect(code).toBe(0);
    const doc = JSON.parse(out[0] ?? "") as { kind: string; totals: Record<string, string> };
    expect(doc.kind).toBe("creditNote");
    expect(doc.totals.gross).toBe("161.50");
  });

  it("previews WooCommerce orders with defaults when no settings are given", async () => {
    const { code, out } = await run(["--source", "woocommerce", "--order", "o.json"], {
      "o.json": fixture("woocommerce/order-dk-incl-vat.synthetic.json"),
    });
    expect(code).toBe(0);
    expect((JSON.parse(out[0] ?? "") as { totals: { gross: string } }).totals.gross).toBe("299.00");
  });

  it("prints usage with --help", async () => {
    const { code, out } = await run(["--help"], {});
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^usage: ledger-bridge preview --source shopify\|woocommerce/);
  });

  const cases: Array<[string, string[], Record<string, string>, RegExp]> = [
    ["missing --order", ["--source", "shopify"], {}, /^--order is required/],
    ["missing --source", ["--order", "o.json"], { "o.json": dkOrder }, /^--source is required/],
    [
      "unknown source",
      ["--source", "magento", "--order", "o.json"],
      { "o.json": dkOrder },
      /^--source must be shopify or woocommerce, got "magento"/,
    ],
    [
      "unknown flag",
      ["--source", "shopify", "--order", "o.json", "--fast"],
      { "o.json": dkOrder },
      /Unknown option '--fast'/,
    ],
    [
      "missing file",
      ["--source", "shopify", "--order", "nope.json"],
      {},
      /^nope\.json: cannot read the file \(ENOENT\)/,
    ],
    [
      "invalid JSON",
      ["--source", "shopify", "--order", "o.json"],
      { "o.json": "{ not json" },
      /^o\.json: not valid JSON/,
    ],
    [
      "unknown currency",
      ["--source", "shopify", "--order", "o.json"],
      { "o.json": variant((o) => void (o.currency = "XXQ")) },
      /^currency: unknown currency "XXQ"/,
    ],
    [
      "negative quantity",
      ["--source", "shopify", "--order", "o.json"],
      { "o.json": variant((o) => void (o.line_items[0]!.quantity = -1)) },
      /^line_items\[0\]\.quantity: quantity must be a whole number ≥ 0, got -1/,
    ],
    [
      "totals that do not add up",
      ["--source", "shopify", "--order", "o.json", "--settings", "s.json"],
      {
        "o.json": variant((o) => void ((o.total_price = "900.00"), delete o.total_price_set)),
        "s.json": giftSettings,
      },
      /^total_price: the lines add up to 833\.95 DKK but the total is 900\.00 DKK/,
    ],
    [
      "missing tax data",
      ["--source", "shopify", "--order", "o.json", "--settings", "s.json"],
      { "o.json": variant((o) => void delete o.line_items[1]!.tax_lines), "s.json": giftSettings },
      /^line_items\[1\]\.tax_lines: the order charged tax but this line has no tax data/,
    ],
    [
      "a sold gift card without a liability account",
      ["--source", "shopify", "--order", "o.json"],
      { "o.json": dkOrder },
      /^accounts\.giftCardLiability:/,
    ],
    [
      "invalid settings",
      ["--source", "shopify", "--order", "o.json", "--settings", "s.json"],
      { "o.json": dkOrder, "s.json": JSON.stringify({ version: 1, rounding: { toleranceMinorUnits: -1 } }) },
      /^settings\.rounding\.toleranceMinorUnits:/,
    ],
    [
      "a list of WooCommerce refunds",
      ["--source", "woocommerce", "--order", "o.json", "--refund", "r.json"],
      {
        "o.json": fixture("woocommerce/order-dk-incl-vat.synthetic.json"),
        "r.json": fixture("woocommerce/order-723-refunds.docs.json"),
      },
      /list of 2/,
    ],
  ];

  it.each(cases)("exits 2 with one line naming the problem: %s", async (_name, args, files, message) => {
    const { code, out, err } = await run(args, files);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).not.toContain("\n");
    expect(err[0]).toMatch(message);
  });
});
