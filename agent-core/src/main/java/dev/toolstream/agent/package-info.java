/**
 * The agent loop and its tool SPI: {@link dev.toolstream.agent.Agent} runs a conversation with
 * client tools until the model ends its turn.
 */
@NullMarked
package dev.toolstream.agent;

import org.jspecify.annotations.NullMarked;
