import { randomBytes } from "node:crypto";
import fc from "fast-check";
import type { Job, PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DraftError } from "../../app/domain/draft-errors";
import { appendAudit } from "../../app/engine/audit-log.server";
import { claimNextJob, enqueueJob, saveProgress } from "../../app/engine/job-queue.server";
import {
  classifyTransferError,
  invalidOrderDataMessage,
  readingOrderData,
} from "../../app/engine/transfer/classify-transfer-error";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { originalJson, originalText, storableJson, storableText } from "../../app/lib/storable-text";
import { seedDineroShop } from "../support/seed-dinero-shop";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

/**
 * Storage never fails on content, and what cannot succeed on retry fails at once: the storable
 * form round-trips every string through real text and jsonb columns, and the classifier tells
 * the order's own data (non-retryable, `invalidOrderData`) from passing faults — with the
 * database's real errors, not imitations.
 */

/** Any UTF-16 string, unpaired surrogates and NUL included, weighted towards the nasty ones. */
const anyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(0x0000, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0x202e, 0x0007),
      fc.integer({ min: 0, max: 0xffff }),
    ),
    { maxLength: 24 },
  )
  .map((units) => String.fromCharCode(...units));

describe("storable text and JSON in the database", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let shop: Shop;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    shop = await db.shop.create({ data: { platform: "shopify", domain: "storable.myshopify.com" } });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("refuses the raw text, which is why the storable form exists", async () => {
    const write = (message: string, data: unknown) =>
      db.auditEntry.create({
        data: { shopId: shop.id, orderId: "o", step: "s", level: "info", message, data: data as never },
      });
    await expect(write("Mette\u0000Holm", null)).rejects.toThrow();
    await expect(write("m", { name: "Mette\u0000Holm" })).rejects.toThrow();
    await expect(write("m", { name: "Mette\ud800Holm" })).rejects.toThrow();
    await expect(write("Mette\udfffHolm", null)).rejects.toThrow();
  });

  it("round-trips any string through an audit entry's text and jsonb, and a job's progress", async () => {
    const job = (
      await enqueueJob(db, {
        shopId: shop.id,
        kind: "invoice",
        orderId: "gid://shopify/Order/1",
        trigger: "paid",
        sourceOrder: "{}",
      })
    ).job;
    const claimed = await claimNextJob(db, "w", 60_000);
    expect(claimed?.id).toBe(job.id);
    await fc.assert(
      fc.asyncProperty(anyText, anyText, async (key, value) => {
        await db.auditEntry.deleteMany();
        await appendAudit(db, {
          shopId: shop.id,
          orderId: "o",
          step: "s",
          level: "info",
          message: value,
          data: { [key]: [value, { nested: value }] },
        });
        const entry = await db.auditEntry.findFirstOrThrow();
        expect(originalText(entry.message)).toBe(value);
        expect(originalJson(entry.data)).toEqual({ [key]: [value, { nested: value }] });
        await saveProgress(db, claimed as Job, { draft: { customer: { name: value } }, [key]: 1 });
        const saved = await db.job.findUniqueOrThrow({ where: { id: job.id } });
        expect(originalJson(saved.progress)).toEqual({ draft: { customer: { name: value } }, [key]: 1 });
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it("leaves ordinary text as it is, and never produces what the database refuses", () => {
    for (const ordinary of ["Mette Holm", "Nørregade 7, 2. th.", "😀🇩🇰", "\u202eمرحبا\u200f", ""]) {
      expect(storableText(ordinary)).toBe(ordinary);
    }
    fc.assert(
      fc.property(anyText, (value) => {
        const stored = storableText(value);
        expect(stored).not.toMatch(
          // eslint-disable-next-line no-control-regex -- U+0000 is exactly what it must not find
          /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
        );
        expect(originalText(stored)).toBe(value);
        expect(storableJson({ [value]: value })).toEqual({ [stored]: stored });
      }),
      { numRuns: 2000 },
    );
  });
});

describe("classifying failures of the order's own data", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
  });
  afterAll(async () => {
    await database?.close();
  });

  const failureOf = async (write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (error) {
      return error;
    }
    throw new Error("the write succeeded");
  };

  it("calls the database's refusals of a value invalidOrderData, and leaves passing faults retryable", async () => {
    const shop = await db.shop.create({ data: { platform: "shopify", domain: "classify.myshopify.com" } });
    const refusals = [
      await failureOf(
        () => db.$executeRaw`UPDATE "Shop" SET "pausedReason" = ${"a\u0000b"} WHERE id = ${shop.id}`,
      ),
      await failureOf(() => db.shop.update({ where: { id: shop.id }, data: { pausedReason: "a\u0000b" } })),
      await failureOf(() =>
        db.auditEntry.create({
          data: {
            shopId: shop.id,
            orderId: "o",
            step: "s",
            level: "info",
            message: "m",
            data: { a: "\u0000" },
          },
        }),
      ),
      await failureOf(() => db.shop.update({ where: { id: shop.id }, data: { pausedReason: "a\ud800b" } })),
    ];
    for (const error of refusals) {
      expect(classifyTransferError(error), String(error)).toMatchObject({
        kind: "invalidOrderData",
        retryable: false,
        merchantMessage: invalidOrderDataMessage("en", "unstorable"),
      });
    }
    // Faults that may pass: left to the worker's retry.
    const passing = [
      new TypeError("fetch failed"),
      new SyntaxError("Unexpected end of JSON input"), // a ledger's answer cut off mid-body
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("deadlock"), { cause: { kind: "postgres", code: "40P01" } }),
    ];
    for (const error of passing) expect(classifyTransferError(error), String(error)).toBeUndefined();
  });

  it("tells the order's data from the shop's settings in the accounting core's errors", () => {
    expect(
      classifyTransferError(new DraftError("invalidInput", "line_items[0].quantity", "not a number")),
    ).toMatchObject({
      kind: "invalidOrderData",
      retryable: false,
    });
    expect(
      classifyTransferError(
        new DraftError(
          "missingSetting",
          "accounts.giftCardLiability",
          "no account",
          "jobError.situation.giftCardSold",
        ),
      ),
    ).toMatchObject({
      kind: "missingSetting",
      retryable: false,
      // Named by its label on the Settings page, with the path kept for a link to the field.
      merchantMessage:
        "The order sells a gift card. Choose “Gift card liability account” in Settings, then resume transfers.",
      messageKey: "jobError.missingSetting",
      params: {
        situation: "jobError.situation.giftCardSold",
        setting: "settings.field.accounts.giftCardLiability",
        settingField: "accounts.giftCardLiability",
      },
    });
  });

  it("names a source that is not JSON or nests too deeply, in English and Danish", () => {
    const notJson = classifyTransferError(failureSync(() => readingOrderData(() => JSON.parse('{"id": 1,'))));
    expect(notJson).toMatchObject({ kind: "invalidOrderData", retryable: false });
    const recurse = (depth: number): number => (depth === 0 ? 0 : 1 + recurse(depth - 1));
    const tooDeep = classifyTransferError(failureSync(() => readingOrderData(() => recurse(1e7))));
    expect(tooDeep?.merchantMessage).toBe(invalidOrderDataMessage("en", "tooDeep"));
    expect(invalidOrderDataMessage("da", "notJson")).toContain("ikke gyldig JSON");
    expect(invalidOrderDataMessage("en", "notJson")).toContain("not valid JSON");
  });

  it("fails a job whose source order is not JSON at its first attempt, instead of retrying it for half an hour", async () => {
    const shop = await seedDineroShop(db, { domain: "not-json.myshopify.com", box });
    await enqueueJob(db, {
      shopId: shop.id,
      kind: "invoice",
      orderId: "gid://shopify/Order/7",
      trigger: "manual",
      sourceOrder: '{"id": 7, "name": "#7", "line_items": [',
    });
    const worker = createTransferWorker(db, { box, backoff: { baseMs: 1, maxMs: 2, maxAttempts: 10 } });
    for (let i = 0; i < 10 && (await worker.runOnce()); i++);
    const job = await db.job.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(job.attempts).toBe(1);
    expect(job.status).not.toBe("queued");
    expect(job.lastError).toMatchObject({
      kind: "invalidOrderData",
      retryable: false,
      message: invalidOrderDataMessage("en", "notJson"),
    });
  });
});

function failureSync(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("did not fail");
}
