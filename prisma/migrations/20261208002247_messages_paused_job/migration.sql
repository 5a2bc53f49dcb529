-- The job whose failure paused the shop, so the paused banner can state its reason in the
-- merchant's language (from the job's keyed error) instead of the English text in pausedReason.
ALTER TABLE "Shop" ADD COLUMN "pausedJobId" TEXT;
