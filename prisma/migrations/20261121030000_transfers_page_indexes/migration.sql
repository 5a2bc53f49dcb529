-- CreateIndex
CREATE INDEX "Job_shopId_status_seq_idx" ON "Job"("shopId", "status", "seq");

-- CreateIndex
CREATE INDEX "Job_shopId_orderName_idx" ON "Job"("shopId", "orderName");

-- CreateIndex
CREATE INDEX "Job_shopId_documentNumber_idx" ON "Job"("shopId", "documentNumber");

