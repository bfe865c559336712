-- A payment is first written by one statement outside any transaction, from invoices and ledgers read just
-- before; the statement checks that nothing it read has changed (the invoices' row versions, the drawer still
-- open, an audit chain head free) and, if anything has, raises serialization_failure, so that nothing of it is
-- written and the service takes the payment again under row locks.
CREATE FUNCTION carebase_expect(ok boolean, what text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION 'carebase: % changed while it was being written', what USING ERRCODE = '40001';
  END IF;
  RETURN true;
END
$$;--> statement-breakpoint
-- Receipts are numbered after their payments commit, many per take of the counter (receipt-numbers.ts),
-- instead of one by one at each commit, which made every payment wait for the one before it to commit.
DROP TRIGGER payments_number_at_commit ON payments;--> statement-breakpoint
DROP FUNCTION carebase_number_payment();--> statement-breakpoint
CREATE INDEX payments_pending_idx ON payments (received_at, id) WHERE number LIKE 'pending-%';
