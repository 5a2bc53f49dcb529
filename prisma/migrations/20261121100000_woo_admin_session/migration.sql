-- CreateTable
CREATE TABLE "WooSettingsTokenUse" (
    "tokenHash" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WooSettingsTokenUse_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "WooSettingsTokenUse_expiresAt_idx" ON "WooSettingsTokenUse"("expiresAt");
