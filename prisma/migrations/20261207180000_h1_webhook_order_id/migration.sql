-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "orderId" TEXT;

-- CreateIndex
CREATE INDEX "WebhookEvent_platform_shopDomain_orderId_receivedAt_idx" ON "WebhookEvent"("platform", "shopDomain", "orderId", "receivedAt");

-- Backfill: the order id of each recorded Shopify order webhook, read from the body's own id
-- fields exactly as app/sources/order-identity.ts reads them (admin_graphql_api_id and id must
-- agree). jsonb keeps big integers exact. A body PostgreSQL cannot read as JSON keeps NULL: it
-- is then never found by id, which is safe (the order is read from Shopify instead).
CREATE FUNCTION "lb_h1_shopify_order_id"(body TEXT) RETURNS TEXT LANGUAGE plpgsql AS $$
DECLARE
  doc JSONB;
  gid TEXT;
  id_text TEXT;
BEGIN
  BEGIN
    doc := body::jsonb;
  EXCEPTION WHEN others THEN
    RETURN NULL;
  END;
  IF jsonb_typeof(doc) IS DISTINCT FROM 'object' THEN
    RETURN NULL;
  END IF;
  IF doc ? 'admin_graphql_api_id' AND jsonb_typeof(doc -> 'admin_graphql_api_id') <> 'null' THEN
    IF jsonb_typeof(doc -> 'admin_graphql_api_id') <> 'string'
       OR (doc ->> 'admin_graphql_api_id') !~ '^gid://shopify/Order/[1-9][0-9]*$' THEN
      RETURN NULL;
    END IF;
    gid := doc ->> 'admin_graphql_api_id';
  END IF;
  IF doc ? 'id' AND jsonb_typeof(doc -> 'id') <> 'null' THEN
    IF jsonb_typeof(doc -> 'id') = 'string' AND (doc ->> 'id') ~ '^gid://shopify/Order/[1-9][0-9]*$' THEN
      id_text := doc ->> 'id';
    ELSIF jsonb_typeof(doc -> 'id') IN ('number', 'string') AND (doc ->> 'id') ~ '^[1-9][0-9]*$' THEN
      id_text := 'gid://shopify/Order/' || (doc ->> 'id');
    ELSE
      RETURN NULL;
    END IF;
    IF gid IS NOT NULL AND gid <> id_text THEN
      RETURN NULL;
    END IF;
    RETURN id_text;
  END IF;
  RETURN gid;
END;
$$;

UPDATE "WebhookEvent"
   SET "orderId" = "lb_h1_shopify_order_id"("body")
 WHERE "platform" = 'shopify' AND "topic" LIKE 'orders/%';

DROP FUNCTION "lb_h1_shopify_order_id"(TEXT);
