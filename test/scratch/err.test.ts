import { it } from "vitest";
import { createTestDatabase } from "../support/test-database";

it("err", async () => {
  const database = await createTestDatabase();
  const db = database.prisma;
  const shop = await db.shop.create({ data: { platform: "shopify", domain: "e.myshopify.com" } });
  const tries: Array<[string, () => Promise<unknown>]> = [
    ["jsonb nul", () => db.auditEntry.create({ data: { shopId: shop.id, orderId: "x", step: "s", level: "info", message: "m", data: { a: "x\u0000y" } } })],
    ["jsonb lone", () => db.auditEntry.create({ data: { shopId: shop.id, orderId: "x", step: "s", level: "info", message: "m", data: { a: "x\ud800y" } } })],
    ["text nul", () => db.auditEntry.create({ data: { shopId: shop.id, orderId: "x", step: "s", level: "info", message: "m\u0000" } })],
    ["text lone", async () => { const r = await db.auditEntry.create({ data: { shopId: shop.id, orderId: "x", step: "s", level: "info", message: "m\ud800z" } }); return JSON.stringify(r.message); }],
    ["raw text nul", () => db.$executeRaw`INSERT INTO "AuditEntry" ("shopId","orderId","step","level","message") VALUES (${shop.id}, 'x', 's', 'info', ${"a\u0000b"})`],
    ["jsonb deep", async () => { let v: unknown = 1; for (let i = 0; i < 10000; i++) v = [v]; return db.auditEntry.create({ data: { shopId: shop.id, orderId: "x", step: "s", level: "info", message: "m", data: v as never } }); }],
  ];
  for (const [name, fn] of tries) {
    try { const r = await fn(); console.log(name, "OK", typeof r === "string" ? r : ""); }
    catch (e) { const err = e as Record<string, unknown>; console.log(name, "ERR", (e as Error).constructor.name, err.code, JSON.stringify(err.meta), String((e as Error).message).slice(0,1500), JSON.stringify((err.cause as object) ?? null)?.slice(0, 300)); }
  }
  await database.close();
}, 60000);
