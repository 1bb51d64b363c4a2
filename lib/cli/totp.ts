// `npm run totp [-- SECRET]`: the current code for the demo senior admins' TOTP key (or for
// the key given), and how many seconds it stays valid. For demos and manual testing only.
import { DEMO_TOTP_SECRET } from "@/drizzle/seed/demo-accounts";
import { currentTotpCode, TOTP_PERIOD_SECONDS } from "@/lib/auth/totp";

const secret = process.argv[2] ?? DEMO_TOTP_SECRET;
const now = new Date();
const left = TOTP_PERIOD_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_PERIOD_SECONDS);
console.log(`${await currentTotpCode(secret, now)}   (valid ${left} s more${secret === DEMO_TOTP_SECRET ? "; demo key of senior.admin and senior.admin2" : ""})`);
