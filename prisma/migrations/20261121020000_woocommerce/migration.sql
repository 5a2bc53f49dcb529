-- CreateTable
CREATE TABLE "WooStore" (
    "shopId" TEXT NOT NULL,
    "storeUrl" TEXT NOT NULL,
    "appUrl" TEXT NOT NULL,
    "apiKeys" TEXT NOT NULL,
    "webhookSecret" TEXT NOT NULL,
    "storeSecret" TEXT NOT NULL,
    "storeSecretDelivered" BOOLEAN NOT NULL DEFAULT false,
    "webhooks" JSONB NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'connected',
    "lastError" TEXT,
    "webhooksCheckedAt" TIMESTAMP(3),
    "signatureFailedAt" TIMESTAMP(3),
    "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WooStore_pkey" PRIMARY KEY ("shopId")
);

-- CreateTable
CREATE TABLE "WooAuthRequest" (
    "stateHash" TEXT NOT NULL,
    "storeUrl" TEXT NOT NULL,
    "appUrl" TEXT NOT NULL,
    "keys" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WooAuthRequest_pkey" PRIMARY KEY ("stateHash")
);

-- CreateIndex
CREATE INDEX "WooAuthRequest_expiresAt_idx" ON "WooAuthRequest"("expiresAt");

-- AddForeignKey
ALTER TABLE "WooStore" ADD CONSTRAINT "WooStore_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

