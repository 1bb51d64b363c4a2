// Messages that leave the portal (SMS, email) when a case moves. Senders sit behind one small
// interface; the only implementation here writes to the server log (ConsoleSender), so a
// development or test install never texts anyone. A production install registers a real SMS
// gateway or mail relay with `setOutboundSenders` at start-up.
// Messages are sent after the command's transaction has committed (STYLE.md: side effects
// after commit) and a failed send is logged, never turned into a failed command.

export type OutboundChannel = "sms" | "email";

export interface OutboundMessage {
  channel: OutboundChannel;
  /** Phone number (sms) or address (email), in clear: only senders ever see it. */
  to: string;
  /** Email only. */
  subject?: string;
  body: string;
}

export interface OutboundSender {
  readonly channel: OutboundChannel;
  send(message: OutboundMessage): Promise<void>;
}

/** Masks a recipient for logs: 138****0001, a***@example.org. */
export function maskRecipient(to: string): string {
  const at = to.indexOf("@");
  if (at > 0) return `${to[0]}***${to.slice(at)}`;
  return to.length > 7 ? `${to.slice(0, 3)}****${to.slice(-4)}` : "****";
}

/** Writes the message to the server log with the recipient masked. */
export class ConsoleSender implements OutboundSender {
  constructor(
    readonly channel: OutboundChannel,
    private readonly log: (line: string) => void = (line) => console.info(line),
  ) {}
  async send(message: OutboundMessage): Promise<void> {
    const subject = message.subject ? ` [${message.subject}]` : "";
    this.log(`[notify:${this.channel}] to ${maskRecipient(message.to)}${subject}: ${message.body}`);
  }
}

let senders: OutboundSender[] = [new ConsoleSender("sms"), new ConsoleSender("email")];

/** Replaces the senders (a gateway at start-up; a recording sender in tests). Returns the old ones. */
export function setOutboundSenders(next: OutboundSender[]): OutboundSender[] {
  const previous = senders;
  senders = next;
  return previous;
}

/** Sends through every sender of the message's channel; failures are logged, not thrown. */
export async function sendOutbound(messages: readonly OutboundMessage[]): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const message of messages) {
    for (const sender of senders.filter((s) => s.channel === message.channel)) {
      try {
        await sender.send(message);
        sent++;
      } catch (error) {
        failed++;
        console.error(`[notify:${message.channel}] sending to ${maskRecipient(message.to)} failed`, error instanceof Error ? error.message : error);
      }
    }
  }
  return { sent, failed };
}
