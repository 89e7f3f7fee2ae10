// A small MCP server over stdio for the client's failure tests, in plain node without the SDK so
// that it starts fast and can misbehave on purpose. Every message it receives is appended, one
// JSON a line, to the file named by the environment variable RECORD (if set).
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";

const record = process.env.RECORD;
// When set, the server notes its start in this file, and a server started after it (a restart)
// never answers initialize.
const startedFile = process.env.HANG_AFTER_RESTART;
const restarted = startedFile !== undefined && existsSync(startedFile);
if (startedFile !== undefined && !restarted) writeFileSync(startedFile, "started\n");
// Put before every tool name but that of the tool "grow" adds, when set.
const prefix = process.env.TOOL_PREFIX ?? "";
const tools = [
  { name: "hang", description: "Never answers.", inputSchema: { type: "object" } },
  { name: "stall", description: "Says its tools changed, then never answers.", inputSchema: { type: "object" } },
  { name: "die", description: "Exits the server.", inputSchema: { type: "object" } },
  {
    name: "garbage",
    description: "Answers with a line that is not JSON.",
    inputSchema: { type: "object" },
    annotations: { readOnlyHint: true },
  },
  {
    name: "grow",
    description: "Adds the tool late and says the list changed.",
    inputSchema: { type: "object" },
    annotations: { readOnlyHint: false, idempotentHint: false },
  },
  {
    name: "endless",
    description: "From now on pages its tool list without end, then says the list changed.",
    inputSchema: { type: "object" },
  },
  {
    name: "double",
    description: "Doubles a number.",
    inputSchema: { type: "object", properties: { n: { type: "number" } }, required: ["n"] },
    annotations: { idempotentHint: true },
  },
  { name: "odd", description: "Answers with a content type no client knows.", inputSchema: { type: "object" } },
  { name: "unreadable", description: "Answers with content that is no list.", inputSchema: { type: "object" } },
  {
    name: "flood",
    description: "Writes a line longer than any message should be, and never ends it.",
    inputSchema: { type: "object" },
  },
];
// Set by the tool "endless", or from the start by ENDLESS_PAGES: every page of tools/list names the
// same next page.
let endless = process.env.ENDLESS_PAGES !== undefined;
const send = (message) => process.stdout.write(JSON.stringify(message) + "\n");
const answer = (id, result) => send({ jsonrpc: "2.0", id, result });
const text = (t) => ({ content: [{ type: "text", text: t }] });

createInterface({ input: process.stdin }).on("line", (line) => {
  const message = JSON.parse(line);
  if (record) appendFileSync(record, line + "\n");
  const { id, method, params } = message;
  if (method === "initialize") {
    if (restarted) return;
    answer(id, {
      protocolVersion: params.protocolVersion,
      capabilities: { tools: { listChanged: true } },
      serverInfo: { name: "client-test-server", version: "1.0.0" },
    });
  } else if (method === "tools/list") {
    const listed = tools.map((t) => (t.name === "late" ? t : { ...t, name: prefix + t.name }));
    answer(id, endless ? { tools: listed, nextCursor: "again" } : { tools: listed });
  } else if (method === "ping") {
    answer(id, {});
  } else if (method === "tools/call") {
    const name = params.name === "late" ? "late" : params.name.slice(prefix.length);
    if (name === "hang") return;
    if (name === "stall") return send({ jsonrpc: "2.0", method: "notifications/tools/list_changed" });
    if (name === "die") process.exit(3);
    if (name === "garbage") return process.stdout.write("this is not JSON-RPC\n");
    if (name === "double") return answer(id, text(String(params.arguments.n * 2)));
    if (name === "grow") {
      if (!tools.some((t) => t.name === "late")) {
        tools.push({ name: "late", description: "Came late.", inputSchema: { type: "object" } });
      }
      answer(id, text("grown"));
      return send({ jsonrpc: "2.0", method: "notifications/tools/list_changed" });
    }
    if (name === "endless") {
      endless = true;
      answer(id, text("endless"));
      return send({ jsonrpc: "2.0", method: "notifications/tools/list_changed" });
    }
    if (name === "late") return answer(id, text("late answer"));
    if (name === "odd") {
      return answer(id, {
        content: [
          { type: "text", text: "before" },
          { type: "hologram", data: "AAAA", mimeType: "model/hologram" },
        ],
      });
    }
    if (name === "unreadable") return answer(id, { content: 42 });
    if (name === "flood") return process.stdout.write("x".repeat(16 * 1024 * 1024 + 1));
    send({ jsonrpc: "2.0", id, error: { code: -32602, message: "no tool " + name } });
  } else if (id !== undefined) {
    send({ jsonrpc: "2.0", id, error: { code: -32601, message: "no method " + method } });
  }
});
