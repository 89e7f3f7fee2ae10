/**
 * Tools from any MCP server as tools of the agent loop, and Toolstream tools served over MCP, on
 * the official MCP Java SDK.
 */
@NullMarked
package dev.toolstream.mcp;

import org.jspecify.annotations.NullMarked;
