package dev.toolstream.agent;

/**
 * What a turn's work is reported to and logged under: the run's id and observation and the turn.
 *
 * @param runId the run's id, for the MDC
 * @param turn the turn, from 1
 * @param run the run's observation, which tool calls are reported to
 */
record TurnTrace(String runId, int turn, AgentObserver.Run run) {}
