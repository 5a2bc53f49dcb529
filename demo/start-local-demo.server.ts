import type { PrismaClient } from "@prisma/client";
import { applyEnvDefaults, env } from "../app/config/env.server";
import { log } from "../app/lib/log.server";
import type { Shop } from "../app/shops/shop-repo.server";
import { connectDemoLedgerIfUnconnected } from "./demo-connect.server";
import { startDemoEnvironment } from "./demo-environment.server";
import type { DemoEnvironment } from "./demo-types";
import { connectDemoWooStore } from "./demo-woocommerce.server";

/**
 * The local demo as `npm start` runs it: the simulators started, the app pointed at them (only
 * where the user set nothing), and with DEMO_LEDGER the demo shop connected to that simulator.
 */
export async function startLocalDemo(db: PrismaClient, shop: Shop): Promise<DemoEnvironment> {
  const demo = await startDemoEnvironment({
    env: process.env,
    firstOrderNumber: await nextOrderNumber(db, shop.id),
  });
  try {
    const pointed = applyEnvDefaults(demo.baseUrls);
    const provider = env().DEMO_LEDGER;
    log.info("local demo simulators started", {
      shopify: demo.shopify?.url ?? "not started (SHOPIFY_ADMIN_BASE_URL is set)",
      woocommerce: demo.woocommerce?.url,
      ledgers: Object.keys(demo.ledgers),
      pointed,
    });
    if (provider) {
      const ledger = demo.ledgers[provider];
      if (!ledger) {
        log.warn("DEMO_LEDGER names a ledger whose base URL is set explicitly; not connecting it", {
          provider,
        });
      } else if (await connectDemoLedgerIfUnconnected(db, shop.id, ledger)) {
        log.info("demo shop connected to the ledger simulator", { provider });
      }
    }
    return demo;
  } catch (error) {
    await demo.close();
    throw error;
  }
}

/**
 * Once the app listens: connects the demo's WooCommerce store to it (its webhooks need the app's
 * address) and to the demo shop's ledger simulator.
 */
export async function connectLocalDemoStores(
  db: PrismaClient,
  demo: DemoEnvironment,
  shop: Shop,
): Promise<void> {
  await connectDemoWooStore(db, demo, shop.id);
}

/** After a restart on the same database the demo's new orders continue the numbering (#1004, …). */
async function nextOrderNumber(db: PrismaClient, shopId: string): Promise<number> {
  const jobs = await db.job.findMany({
    where: { shopId, orderName: { startsWith: "#" } },
    select: { orderName: true },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  const numbers = jobs.map((job) => Number(/^#(\d+)$/.exec(job.orderName ?? "")?.[1] ?? 0));
  return Math.max(1000, ...numbers) + 1;
}
