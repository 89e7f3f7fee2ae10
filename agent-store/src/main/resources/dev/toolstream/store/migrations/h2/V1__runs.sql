-- Runs: one row each, updated in place (status, lease, totals); their steps and conversations'
-- messages are append-only. Times are epoch milliseconds from the store's clock.
CREATE TABLE IF NOT EXISTS ${prefix}runs (
  run_id VARCHAR(255) PRIMARY KEY,
  conversation_id VARCHAR(255),
  conversation_from INT NOT NULL,
  conversation_to INT NOT NULL,
  status VARCHAR(32) NOT NULL,
  owner_id VARCHAR(255),
  lease_until BIGINT,
  steps INT NOT NULL,
  turns INT NOT NULL,
  input_tokens BIGINT NOT NULL,
  output_tokens BIGINT NOT NULL,
  cache_creation_input_tokens BIGINT NOT NULL,
  cache_read_input_tokens BIGINT NOT NULL,
  claims INT NOT NULL,
  awaiting_approval CLOB,
  error_message CLOB,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS ${prefix}runs_by_status ON ${prefix}runs (status, lease_until);
CREATE INDEX IF NOT EXISTS ${prefix}runs_by_conversation ON ${prefix}runs (conversation_id);
CREATE TABLE IF NOT EXISTS ${prefix}run_steps (
  run_id VARCHAR(255) NOT NULL,
  seq INT NOT NULL,
  kind VARCHAR(32) NOT NULL,
  tool_use_id VARCHAR(255),
  payload CLOB,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE TABLE IF NOT EXISTS ${prefix}conversation_messages (
  conversation_id VARCHAR(255) NOT NULL,
  seq INT NOT NULL,
  run_id VARCHAR(255) NOT NULL,
  payload CLOB NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
