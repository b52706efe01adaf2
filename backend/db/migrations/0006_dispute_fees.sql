ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_kind_check";--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_kind_check" CHECK ("ledger_entries"."kind" in ('gross', 'platform_fee', 'processor_fee', 'refund', 'platform_fee_refund', 'dispute_loss', 'dispute_win', 'dispute_fee', 'payout'));
