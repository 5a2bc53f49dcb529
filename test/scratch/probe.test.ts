import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, it, expect } from "vitest";
import { resetEnvForTests } from "../../app/config/env.server";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import { startDineroSimulator } from "../../app/ledgers/dinero";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { danishOrder } from "../support/order-templates";
import { seedDineroShop } from "../support/seed-dinero-shop";
import { createTestDatabase } from "../support/test-database";

it("probe", async () => {
  const database = await createTestDatabase();
  const db = database.prisma;
  const dinero = await startDineroSimulator({ validateRequests: true });
  process.env.DINERO_API_BASE_URL = dinero.url;
  process.env.DINERO_AUTH_BASE_URL = dinero.authUrl;
  resetEnvForTests();
  const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
  await seedDineroShop(db, { domain: "p.myshopify.com", box });
  const worker = createTransferWorker(db, { box, backoff: { baseMs: 5, maxMs: 20, maxAttempts: 3 }, rateLimit: { perMinute: 60000, burst: 1000 } });
  const variants: Record<string, string> = {
    nul: "Mette \\u0000 Holm",
    lone: "Mette \\ud800 Holm",
    emoji: "Mette 😀 Holm",
    rtl: "Mette \u202e Holm \u200f",
    long: "M".repeat(100000),
  };
  let n = 1;
  for (const [k, v] of Object.entries(variants)) {
    const o = danishOrder(n++);
    const body = o.order.replaceAll('"Mette Holm"', JSON.stringify(v).replaceAll("\\\\u", "\\u")).replaceAll('"Kaffekop - Blå"', JSON.stringify("Kop " + v).replaceAll("\\\\u", "\\u"));
    try {
      const r = await ingestShopifyEvent(db, { shopDomain: "p.myshopify.com", topic: "orders/paid", rawBody: body });
      console.log(k, JSON.stringify(r));
    } catch (e) { console.log(k, "INGEST ERR", String(e).slice(0, 500)); }
  }
  for (let i = 0; i < 30; i++) { if (!(await worker.runOnce())) { await new Promise(r => setTimeout(r, 30)); } }
  const jobs = await db.job.findMany({ orderBy: { seq: "asc" } });
  for (const j of jobs) console.log(j.orderName, j.status, j.attempts, JSON.stringify(j.lastError)?.slice(0, 600));
  const audit = await db.auditEntry.findMany({ where: { level: { not: "info" } } });
  for (const a of audit) console.log(a.step, a.message.slice(0, 300), JSON.stringify(a.data)?.slice(0,300));
  await dinero.close();
  await database.close();
  expect(1).toBe(1);
}, 120000);
