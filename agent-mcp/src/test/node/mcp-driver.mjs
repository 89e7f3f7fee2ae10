// Drives the official TypeScript MCP SDK's client for the Java tests, one JSON command a line on
// stdin, one JSON answer a line on stdout (logs go to stderr):
//   node mcp-driver.mjs http URL            Streamable HTTP
//   node mcp-driver.mjs socket PORT         newline-delimited JSON-RPC, as stdio, over loopback TCP
//   node mcp-driver.mjs spawn ENV CMD [ARG...]  stdio, CMD started by the SDK's StdioClientTransport
//                                               with its default environment plus ENV, a JSON object
// Commands: {"op":"list"}, {"op":"call","tag":T,"name":N,"arguments":{...}}, {"op":"cancel","tag":T},
// {"op":"rpc","tag":T,"method":M,"params":{...}} (M a Client method, such as getPrompt), {"op":"close"}. Answers: {"event":"connected",...}, {"op":"list","tools":[...]},
// {"tag":T,"result":{...}} or {"tag":T,"error":{"code":C,"message":M}}, {"event":"closed"}.
import net from 'node:net';
import readline from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';

const answer = (value) => process.stdout.write(JSON.stringify(value) + '\n');

/** The SDK's stdio framing over a TCP socket, so the server under test can run in the test's JVM. */
class SocketTransport {
  constructor(port) {
    this.port = port;
    this.buffer = new ReadBuffer();
  }

  start() {
    return new Promise((resolve, reject) => {
      this.socket = net.connect(this.port, '127.0.0.1', resolve);
      this.socket.on('error', (error) => (this.onerror ? this.onerror(error) : reject(error)));
      this.socket.on('close', () => this.onclose?.());
      this.socket.on('data', (chunk) => {
        this.buffer.append(chunk);
        for (let message; (message = this.buffer.readMessage()) !== null; ) {
          this.onmessage?.(message);
        }
      });
    });
  }

  send(message) {
    return new Promise((resolve) => this.socket.write(serializeMessage(message), () => resolve()));
  }

  async close() {
    this.socket.end();
  }
}

function transport(kind, rest) {
  switch (kind) {
    case 'http':
      return new StreamableHTTPClientTransport(new URL(rest[0]));
    case 'socket':
      return new SocketTransport(Number(rest[0]));
    case 'spawn':
      return new StdioClientTransport({
        command: rest[1],
        args: rest.slice(2),
        env: { ...getDefaultEnvironment(), ...JSON.parse(rest[0]) },
        stderr: 'inherit',
      });
    default:
      throw new Error(`unknown transport ${kind}: use http, socket or spawn`);
  }
}

const [kind, ...rest] = process.argv.slice(2);
const client = new Client({ name: 'toolstream-test-driver', version: '1.0.0' });
await client.connect(transport(kind, rest));
answer({
  event: 'connected',
  server: client.getServerVersion(),
  protocolVersion: client.transport?.protocolVersion ?? null,
});

const calls = new Map();
const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const command = JSON.parse(line);
  if (command.op === 'list') {
    try {
      const { tools } = await client.listTools();
      answer({ op: 'list', tools });
    } catch (error) {
      answer({ op: 'list', error: { code: error.code ?? null, message: String(error.message) } });
    }
  } else if (command.op === 'call') {
    const abort = new AbortController();
    calls.set(command.tag, abort);
    client
      .callTool({ name: command.name, arguments: command.arguments }, undefined, { signal: abort.signal })
      .then(
        (result) => answer({ tag: command.tag, result }),
        (error) => answer({ tag: command.tag, error: { code: error.code ?? null, message: String(error.message) } }),
      )
      .finally(() => calls.delete(command.tag));
  } else if (command.op === 'rpc') {
    // Any client method taking one params object, such as listPrompts or readResource.
    try {
      answer({ tag: command.tag, result: await client[command.method](command.params) });
    } catch (error) {
      answer({ tag: command.tag, error: { code: error.code ?? null, message: String(error.message) } });
    }
  } else if (command.op === 'cancel') {
    calls.get(command.tag)?.abort('cancelled by the test');
  } else if (command.op === 'close') {
    break;
  }
}
await client.close();
answer({ event: 'closed' });
process.exit(0);
