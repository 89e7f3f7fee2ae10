-- A conversation has at most one run that has not ended: open_conversation holds the conversation
-- id while its run is RUNNING or WAITING_FOR_APPROVAL, NULL once it ended (and for runs of their
-- own), and the unique index refuses a second. Runs stored before this version: of a conversation's
-- unfinished runs, the one started last is kept open (by created_at; run ids are random, so they
-- only break a tie).
ALTER TABLE ${prefix}runs ADD COLUMN IF NOT EXISTS open_conversation VARCHAR(255);
UPDATE ${prefix}runs AS r SET open_conversation = conversation_id
  WHERE conversation_id IS NOT NULL
    AND status IN ('RUNNING', 'WAITING_FOR_APPROVAL')
    AND NOT EXISTS (SELECT 1 FROM ${prefix}runs o
                    WHERE o.conversation_id = r.conversation_id
                      AND o.status IN ('RUNNING', 'WAITING_FOR_APPROVAL')
                      AND (o.created_at > r.created_at
                           OR (o.created_at = r.created_at AND o.run_id > r.run_id)));
CREATE UNIQUE INDEX IF NOT EXISTS ${prefix}runs_open_conversation ON ${prefix}runs (open_conversation);
