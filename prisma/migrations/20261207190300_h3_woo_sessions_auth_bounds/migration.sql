-- AlterTable
ALTER TABLE "WooAuthRequest" ADD COLUMN     "clientKey" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "WooAdminSession" (
    "idHash" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WooAdminSession_pkey" PRIMARY KEY ("idHash")
);

-- CreateIndex
CREATE INDEX "WooAuthRequest_clientKey_expiresAt_idx" ON "WooAuthRequest"("clientKey", "expiresAt");

-- CreateIndex
CREATE INDEX "WooAdminSession_expiresAt_idx" ON "WooAdminSession"("expiresAt");

-- CreateIndex
CREATE INDEX "WooAdminSession_shopId_idx" ON "WooAdminSession"("shopId");

-- AddForeignKey
ALTER TABLE "WooAdminSession" ADD CONSTRAINT "WooAdminSession_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;
