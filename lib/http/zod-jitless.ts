// Import FIRST in client code that reaches zod: zod compiles object parsers with
// `new Function` unless told not to, and decides when each schema is built (at import).
// The CSP forbids eval (lib/http/security-headers.ts); even zod's probe for it would
// report a violation. Parsing without the compiled fast path is the same parsing, slower.
import { z } from "zod";

z.config({ jitless: true });
