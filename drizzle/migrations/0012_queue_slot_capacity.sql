DROP INDEX "queue_bookings_slot_unique";--> statement-breakpoint
CREATE INDEX "queue_bookings_slot_idx" ON "queue_bookings" USING btree ("window","service_date","slot");