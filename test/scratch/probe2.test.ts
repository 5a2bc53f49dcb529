import { randomBytes } from "node:crypto";
import { it, expect } from "vitest";
import { resetEnvForTests } from "../../app/config/env.server";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import { startDineroSimulator } from "../../app/ledgers/dinero";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { danishOrder } from "../support/order-templates";
import { seedDineroShop } from "../support/seed-dinero-shop";
import { createTestDatabase } from "../support/test-database";

it("probe2", async () => {
  const database = await createTestDatabase();
  const db = database.prisma;
  const dinero = await startDineroSimulator({ validateRequests: true });
  process.env.DINERO_API_BASE_URL = dinero.url;
  process.env.DINERO_AUTH_BASE_URL = dinero.authUrl;
  resetEnvForTests();
  const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
  const worker = createTransferWorker(db, { box, backoff: { baseMs: 5, maxMs: 20, maxAttempts: 3 }, rateLimit: { perMinute: 60000, burst: 1000 } });
  const deep = "[".repeat(10000) + "]".repeat(10000);
  const deepObj = '{"a":'.repeat(10000) + "1" + "}".repeat(10000);
  const cases: Record<string, (o: string) => string> = {
    deepUnknown: (o) => o.replace('"name": "#', `"hostile": ${deep}, "name": "#`),
    deepNoteAttr: (o) => o.replace('"value": "DK12345678"', `"value": ${deepObj}`),
    deepNote: (o) => o.replace('"note_attributes"', `"note": ${deep}, "note_attributes"`),
    id20: (o) => o.replace(/"id": 5550000000000000\d+,\n  "admin_graphql_api_id": "gid:\/\/shopify\/Order\/\d+"/, '"id": 99999999999999999999,\n  "admin_graphql_api_id": "gid://shopify/Order/99999999999999999999"'),
    lineId20: (o) => o.replace(/"id": 6\d{18}/g, '"id": 98765432109876543210'),
    nulSku: (o) => o.replace('"KOP-BLA"', '"KOP\\u0000BLA"'),
    nulName: (o) => o.replace(/"name": "#\d+"/, '"name": "#20\\u000099"'),
    hugeQty: (o) => o.replace('"quantity": 2', '"quantity": 1e400'),
    ctrlCurrency: (o) => o.replaceAll('"DKK"', '"DK\\u0000K"'),
  };
  let n = 100;
  for (const [k, f] of Object.entries(cases)) {
    const domain = `p${n}.myshopify.com`;
    await seedDineroShop(db, { domain, box });
    const o = danishOrder(n++);
    const body = f(o.order);
    if (body === o.order) console.log(k, "NO CHANGE");
    try {
      const r = await ingestShopifyEvent(db, { shopDomain: domain, topic: "orders/paid", rawBody: body });
      console.log(k, JSON.stringify(r));
    } catch (e) { console.log(k, "INGEST ERR", String(e).slice(0, 300)); }
  }
  for (let i = 0; i < 60; i++) { if (!(await worker.runOnce())) { await new Promise(r => setTimeout(r, 30)); } }
  const jobs = await db.job.findMany({ orderBy: { seq: "asc" }, include: { shop: true } });
  for (const j of jobs) console.log(j.shop.domain, j.orderName, j.status, j.attempts, JSON.stringify(j.lastError)?.slice(0, 300));
  await dinero.close();
  await database.close();
  expect(1).toBe(1);
}, 120000);
