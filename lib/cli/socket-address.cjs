// Preloaded into `next start` by lib/cli/start.ts (NODE_OPTIONS=--require). Node's HTTP server
// knows the TCP peer of each request, but Next.js hands the app only headers, and it writes
// the peer into X-Forwarded-For only when the request carries none — so without this, a client
// that sends its own X-Forwarded-For chooses the address the per-IP limits see.
// Before Next sees a request, the peer is appended to X-Forwarded-For as our own hop (what a
// reverse proxy does); lib/auth/client-ip.ts then counts TRUSTED_PROXY_HOPS hops back from it.
"use strict";
const http = require("node:http");

const INSTALLED = Symbol.for("deedchain.socketAddressHop");

/** The peer as a plain address: "::ffff:127.0.0.1" → "127.0.0.1". */
function peerAddress(socket) {
  const address = (socket && socket.remoteAddress) || "unknown";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

/** Appends the socket's address to the request's X-Forwarded-For (Node joins repeated headers with ", "). */
function appendSocketHop(request) {
  const received = request.headers["x-forwarded-for"];
  const peer = peerAddress(request.socket);
  request.headers["x-forwarded-for"] = received && received.trim() !== "" ? `${received}, ${peer}` : peer;
}

function install() {
  if (globalThis[INSTALLED]) return;
  globalThis[INSTALLED] = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitWithSocketHop(event, request, ...rest) {
    if (event === "request" && request && request.headers) appendSocketHop(request);
    return emit.call(this, event, request, ...rest);
  };
}

install();
module.exports = { appendSocketHop, INSTALLED };
