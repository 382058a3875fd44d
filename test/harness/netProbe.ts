/**
 * Preloaded (NODE_OPTIONS=--require) into the processes code-server starts, including the extension host.
 * Every outgoing socket whose call stack passes through WK_NET_PROBE_MATCH is appended to WK_NET_PROBE_FILE,
 * so a test can prove what the extension did (or did not do) on the network.
 */
import { appendFileSync } from 'node:fs';
import * as net from 'node:net';

const file = process.env.WK_NET_PROBE_FILE;
const match = process.env.WK_NET_PROBE_MATCH;

if (file && match) {
  const original = net.Socket.prototype.connect;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (net.Socket.prototype as any).connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
    const stack = new Error().stack ?? '';
    if (stack.includes(match)) {
      const target = args[0];
      const where =
        typeof target === 'object' && target !== null
          ? JSON.stringify({ host: (target as net.TcpNetConnectOpts).host, port: (target as net.TcpNetConnectOpts).port, path: (target as net.IpcNetConnectOpts).path })
          : JSON.stringify({ port: target, host: args[1] });
      try {
        appendFileSync(file, JSON.stringify({ pid: process.pid, time: Date.now(), where, stack }) + '\n');
      } catch {
        // the probe must never break the process it watches
      }
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  };
}
