-- Job.status may hold only the states of the job state machine (app/engine/job-state.ts,
-- JOB_STATUSES; test/engine/job-state-owner.test.ts checks this list against it).
--
-- A CHECK constraint on the text column rather than a Postgres enum: the queue's raw SQL binds
-- statuses as text parameters (an enum column would need a cast at every one of them), a Prisma
-- enum would retype Job.status across every reader and test that passes a plain string, and a
-- value added to an enum (ALTER TYPE … ADD VALUE) cannot be used in the transaction that adds it,
-- while a CHECK is replaced within one migration. The TypeScript union (JobStatus) is derived
-- from the one list the state machine's table is written against.
--
-- Existing rows keep their values. NOT VALID first, so a row written by hand with a stray status
-- cannot stop the app from starting; the constraint is validated when every row conforms (it
-- guards every insert and update from now on either way).
ALTER TABLE "Job" ADD CONSTRAINT "Job_status_check"
  CHECK ("status" IN ('queued', 'waiting', 'running', 'succeeded', 'failed', 'skipped', 'needsAttention', 'handled'))
  NOT VALID;

DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM "Job"
     WHERE "status" NOT IN ('queued', 'waiting', 'running', 'succeeded', 'failed', 'skipped', 'needsAttention', 'handled')
  ) THEN
    ALTER TABLE "Job" VALIDATE CONSTRAINT "Job_status_check";
  END IF;
END $$;
