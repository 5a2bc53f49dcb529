import { parseArgs } from "node:util";
import { isDraftError } from "../../app/domain/draft-errors";
import { previewDocument, type PreviewSource } from "../../app/domain/preview";
import { parseJsonSafely } from "../../app/sources/shopify/parse-json-safely";

interface PreviewIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<string>;
}

const USAGE =
  "usage: ledger-bridge preview --source shopify|woocommerce --order ORDER.json [--refund REFUND.json] [--settings SETTINGS.json] [--shop DOMAIN]";

class InputError extends Error {}

/**
 * `ledger-bridge preview`: prints the invoice (or, with --refund, the credit note) an order would
 * become, as one JSON document. No database, no network, no side effects. Exit codes: 0 printed,
 * 2 invalid input with one line on stderr naming what is wrong.
 */
export async function runPreview(args: string[], io: PreviewIo): Promise<number> {
  try {
    const { values } = parseFlags(args);
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    const source = values.source;
    if (source !== "shopify" && source !== "woocommerce") {
      throw new InputError(
        source
          ? `--source must be shopify or woocommerce, got "${source}"`
          : `--source is required; ${USAGE}`,
      );
    }
    if (!values.order) throw new InputError(`--order is required; ${USAGE}`);
    const order = await readJson(io, values.order);
    const refund = values.refund ? await readJson(io, values.refund) : undefined;
    const settings = values.settings ? await readJson(io, values.settings) : undefined;
    const document = previewDocument({
      source: source satisfies PreviewSource,
      order,
      ...(refund !== undefined ? { refund } : {}),
      ...(settings !== undefined ? { settings } : {}),
      ...(values.shop ? { shop: values.shop } : {}),
    });
    io.stdout(JSON.stringify(document, null, 2));
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(error.message);
      return 2;
    }
    if (isDraftError(error)) {
      io.stderr(oneLine(error.message));
      return 2;
    }
    throw error;
  }
}

function parseFlags(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        source: { type: "string" },
        order: { type: "string" },
        refund: { type: "string" },
        settings: { type: "string" },
        shop: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new InputError(`${error instanceof Error ? error.message : String(error)}; ${USAGE}`);
  }
}

async function readJson(io: PreviewIo, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read the file${code ? ` (${code})` : ""}`);
  }
  try {
    // Big Shopify ids beyond 2^53 stay exact as strings.
    return parseJsonSafely(text);
  } catch (error) {
    throw new InputError(
      `${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}
