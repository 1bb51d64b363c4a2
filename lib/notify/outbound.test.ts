// Outbound notifications: when a case moves, the resident gets the in-portal notice and an
// SMS (through the sender interface); the console sender never logs the number in clear; a
// failing sender does not undo anything.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { registrationNotifications, users } from "@/lib/db/schema";
import { getNotificationEmail, setNotificationEmail } from "@/lib/dal/auth/notification-email";
import { createFlowFixture, demoResident, fileTransfer, unitsHeldBy, type FlowFixture } from "@/lib/dal/registration/testing";
import { ConsoleSender, maskRecipient, sendOutbound, setOutboundSenders, type OutboundMessage, type OutboundSender } from "./outbound";

class RecordingSender implements OutboundSender {
  readonly sent: OutboundMessage[] = [];
  constructor(readonly channel: "sms" | "email") {}
  async send(message: OutboundMessage) {
    this.sent.push(message);
  }
}

let fx: FlowFixture;
let restore: OutboundSender[] | null = null;
beforeAll(async () => {
  fx = await createFlowFixture();
}, 120_000);
afterAll(() => fx.close());
afterEach(() => {
  if (restore) setOutboundSenders(restore);
  restore = null;
});

describe("outbound notifications", () => {
  it("texts the filer and the counter-party when a transfer is submitted, after the in-portal notice", async () => {
    const sms = new RecordingSender("sms");
    restore = setOutboundSenders([sms]);
    const seller = await demoResident(fx.db, "张伟");
    const buyer = await demoResident(fx.db, "刘芳");
    const [unit] = await unitsHeldBy(fx.db, seller.ref);
    const id = await fileTransfer(fx.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit! });
    const inPortal = await fx.db.select().from(registrationNotifications).where(eq(registrationNotifications.applicationId, id));
    expect(inPortal.map((n) => n.kind).sort()).toEqual(["confirm_requested", "submitted"]);
    expect(sms.sent.map((m) => m.to).sort()).toEqual([buyer.actor.login, seller.actor.login].sort());
    const toSeller = sms.sent.find((m) => m.to === seller.actor.login)!;
    expect(toSeller.body).toContain("申请已提交");
    expect(toSeller.body).toContain(id);
    // Codes and ids only: no names or ID numbers in a text message.
    for (const m of sms.sent) for (const secret of [seller.residentId, buyer.residentId, "张伟", "刘芳"]) expect(m.body).not.toContain(secret);
  }, 60_000);

  it("emails a resident who gave an address, through the console sender, and no one who did not", async () => {
    const lines: string[] = [];
    const sms = new RecordingSender("sms");
    restore = setOutboundSenders([sms, new ConsoleSender("email", (line) => lines.push(line))]);
    const seller = await demoResident(fx.db, "杨丽");
    const buyer = await demoResident(fx.db, "刘芳");
    await setNotificationEmail(fx.db, { actor: seller.actor, email: " yang.li@example.org " });
    expect(await getNotificationEmail(fx.db, { actor: seller.actor })).toBe("yang.li@example.org");
    expect(await getNotificationEmail(fx.db, { actor: buyer.actor })).toBe("");
    // Encrypted at rest, like the phone.
    const [row] = await fx.db.select({ cipher: users.emailCipher }).from(users).where(eq(users.id, seller.actor.userId));
    expect(row?.cipher).toBeTruthy();
    expect(row?.cipher).not.toContain("yang.li");
    const [unit] = await unitsHeldBy(fx.db, seller.ref);
    const id = await fileTransfer(fx.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit! });
    // Submitting moves the case: the seller (filer, with an address) gets one email; the buyer
    // (no address) gets none; both still get their SMS.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[notify:email\] to y\*\*\*@example\.org \[您的不动产登记申请有新进展\]: /);
    expect(lines[0]).toContain(id);
    expect(lines[0]).not.toContain("yang.li");
    expect(sms.sent).toHaveLength(2);
    // Clearing the address stops email.
    await setNotificationEmail(fx.db, { actor: seller.actor, email: "" });
    expect(await getNotificationEmail(fx.db, { actor: seller.actor })).toBe("");
  }, 60_000);

  it("refuses an address that is not one", async () => {
    const seller = await demoResident(fx.db, "张伟");
    await expect(setNotificationEmail(fx.db, { actor: seller.actor, email: "not-an-address" })).rejects.toThrow();
  });

  it("logs through the console sender with the number masked", async () => {
    const lines: string[] = [];
    restore = setOutboundSenders([new ConsoleSender("sms", (line) => lines.push(line))]);
    await sendOutbound([{ channel: "sms", to: "13800000001", body: "申请已核准。" }]);
    expect(lines).toEqual(["[notify:sms] to 138****0001: 申请已核准。"]);
    expect(maskRecipient("someone@example.org")).toBe("s***@example.org");
  });

  it("counts a failed send without throwing", async () => {
    const broken: OutboundSender = { channel: "sms", send: async () => Promise.reject(new Error("gateway down")) };
    const email = new RecordingSender("email");
    restore = setOutboundSenders([broken, email]);
    const result = await sendOutbound([
      { channel: "sms", to: "13800000001", body: "x" },
      { channel: "email", to: "a@example.org", subject: "s", body: "y" },
    ]);
    expect(result).toEqual({ sent: 1, failed: 1 });
    expect(email.sent).toHaveLength(1);
  });
});
