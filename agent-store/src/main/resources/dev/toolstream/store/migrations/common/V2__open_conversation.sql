-- A conversation has at most one run that has not ended: open_conversation holds the conversation
-- id while its run is RUNNING or WAITING_FOR_APPROVAL, NULL once it ended (and for runs of their
-- own), and the unique index refuses a second. Runs stored before this version: of a conversation's
-- unfinished runs, the newest is the one kept open.
ALTER TABLE ${prefix}runs ADD COLUMN IF NOT EXISTS open_conversation VARCHAR(255);
UPDATE ${prefix}runs AS r SET open_conversation = conversation_id
  WHERE conversation_id IS NOT NULL
    AND status IN ('RUNNING', 'WAITING_FOR_APPROVAL')
    AND run_id = (SELECT MAX(o.run_id) FROM ${prefix}runs o
                  WHERE o.conversation_id = r.conversation_id
                    AND o.status IN ('RUNNING', 'WAITING_FOR_APPROVAL'));
CREATE UNIQUE INDEX IF NOT EXISTS ${prefix}runs_open_conversation ON ${prefix}runs (open_conversation);
