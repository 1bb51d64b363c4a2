// Next.js runs register() once when a server instance starts. The ledger's background work
// (keys on first start, checkpoint publisher, in-process witnesses in embedded mode) lives
// in the Node.js runtime only; the Edge runtime has no database.
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next.js itself and inlined per bundle, so the Edge bundle drops
  // this import; that is why it is read here rather than through lib/env.ts.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startLedgerBackground } = await import("@/lib/ledger/background");
    await startLedgerBackground();
  }
}
