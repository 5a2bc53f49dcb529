/**
 * The sources as the engine reaches them (with source-contract.ts and source-registry.ts the only
 * files under app/sources the engine may import): a shop's orders, and finding one order.
 */
export { sourceFor } from "./source-registry";
export { orderSourceFor, type OrderSourceForOptions } from "./order-source-for.server";
export {
  findOrder,
  readOrderFromShop,
  type FoundOrder,
  type ReadOrderFromPlatform,
} from "./find-order.server";
