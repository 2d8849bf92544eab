-- Utilization figures with their provenance (issue 15; lib/vm/model.ts utilizationSchema).
-- One row per figure: metric, statistic, the window it covers and its source.
-- "window" is a reserved word in PostgreSQL, hence always quoted.
CREATE TABLE "vm_utilization" (
    "vm_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "statistic" TEXT NOT NULL,
    "window" TEXT,
    "source" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "vm_utilization_pkey" PRIMARY KEY ("vm_id","position"),
    -- A sample is one reading with no window; every other statistic says what period it covers.
    CONSTRAINT "vm_utilization_window_check" CHECK (("statistic" = 'sample') = ("window" IS NULL)),
    CONSTRAINT "vm_utilization_statistic_check" CHECK ("statistic" IN ('average', 'p95', 'max', 'sample')),
    CONSTRAINT "vm_utilization_value_check" CHECK ("value" >= 0)
);

-- Peer comparisons read one metric and statistic across VMs.
CREATE INDEX "vm_utilization_metric_statistic_idx" ON "vm_utilization"("metric", "statistic");

ALTER TABLE "vm_utilization" ADD CONSTRAINT "vm_utilization_vm_id_fkey" FOREIGN KEY ("vm_id") REFERENCES "vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;
