ALTER TABLE `mail_outbox` ADD `claimed_until` integer;--> statement-breakpoint
ALTER TABLE `mail_outbox` ADD `claimed_by` text;