// OpenAPI 3.1 description of the public ledger API (DESIGN.md §5) and the credential API
// (§6), served at /api/openapi.json and rendered on /developers. Written by hand from the
// normative tables so that it says exactly what the spec promises, no more.
const base64 = { type: "string", contentEncoding: "base64", description: "RFC 4648 §4 base64 with = padding" } as const;
const error = { $ref: "#/components/schemas/Error" } as const;
const jsonError = (description: string) => ({ description, content: { "application/json": { schema: error } } });
const tooMany = {
  description: "Too many requests from this address.",
  headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait." } },
  content: { "application/json": { schema: error } },
};

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Deedchain public ledger and credential API",
      version: "1.0.0",
      summary: "Verify Loudi property credentials and the signed ledger behind them, without trusting the server.",
      description:
        "Every answer carries what is needed to check it independently: SD-JWT credentials (RFC 9901, EdDSA) signed by a key listed in /api/ledger/keys; " +
        "the ledger entry that issued each credential; RFC 6962 inclusion and consistency proofs; and C2SP signed-note checkpoints signed by the log and cosigned by department witnesses. " +
        "All base64 in ledger answers is standard alphabet with padding; SD-JWT parts are base64url without padding. No personal data is served without the holder's disclosure.",
      contact: { name: "Loudi Real Estate Registration Centre" },
    },
    servers: [{ url: serverUrl }],
    tags: [
      { name: "credentials", description: "Electronic property credentials (DESIGN.md §6)." },
      { name: "ledger", description: "The signed append-only ledger (DESIGN.md §5)." },
    ],
    paths: {
      "/api/credentials/{id}": {
        get: {
          tags: ["credentials"],
          operationId: "getCredential",
          summary: "A credential's proof bundle and live status",
          description:
            "Public, no sign-in. Verify `sdJwt` with the credential key named by its `kid`, fetch the issuing entry `/api/ledger/entries/{ledger.seq}` and check that its payload carries this `credentialId` and `sdJwtSha256` = base64 SHA-256 of the JWS; " +
            "check `inclusionProof` against the root in `checkpoint`, and the checkpoint's log signature and cosignatures. With an institution's API key (`Authorization: Bearer`) the call is logged for the holder to see.",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_.:-]{6,100}$" } },
            { name: "If-None-Match", in: "header", required: false, schema: { type: "string" }, description: "ETag of an earlier answer: 304 when neither status nor checkpoint changed." },
          ],
          security: [{}, { institutionKey: [] }],
          responses: {
            "200": {
              description: "The credential.",
              headers: { ETag: { schema: { type: "string" } }, "Cache-Control": { schema: { type: "string" } } },
              content: { "application/json": { schema: { $ref: "#/components/schemas/CredentialAnswer" } } },
            },
            "304": { description: "Not modified." },
            "401": jsonError("The API key is unknown or revoked."),
            "404": jsonError("No credential has this id (also for malformed ids)."),
            "429": tooMany,
            "503": jsonError("Issued moments ago and not yet in a checkpoint, or temporarily unavailable; see Retry-After."),
          },
        },
      },
      "/api/credentials/{id}/lookup": {
        post: {
          tags: ["credentials"],
          operationId: "lookupCredential",
          summary: "Institution lookup with the holder's disclosures",
          description:
            "For banks, courts and schools with an API key. Send the disclosures from the holder's share link (the part after `#d=`, split on `~`) to receive the disclosed claims " +
            "(e.g. the holder's name) beside the status and the visible claims. Every lookup writes an access entry on the ledger that the holder sees in their access log.",
          security: [{ institutionKey: [] }],
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_.:-]{6,100}$" } }],
          requestBody: {
            required: false,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    disclosures: { type: "array", maxItems: 10, items: { type: "string", pattern: "^[A-Za-z0-9_-]{8,4000}$" } },
                    purpose: { type: "string", enum: ["mortgage", "court_case", "school_enrolment", "other"], default: "other" },
                  },
                },
              },
            },
          },
          responses: {
            "200": { description: "Status and claims.", content: { "application/json": { schema: { $ref: "#/components/schemas/LookupAnswer" } } } },
            "400": jsonError("Malformed body, or disclosures that do not belong to this credential."),
            "401": jsonError("Missing, unknown or revoked API key."),
            "404": jsonError("No credential has this id."),
            "429": tooMany,
          },
        },
      },
      "/api/ledger/checkpoint": {
        get: {
          tags: ["ledger"],
          operationId: "getCheckpoint",
          summary: "The latest witnessed checkpoint (C2SP signed note)",
          responses: {
            "200": { description: "Origin line, tree size, root hash, empty line, then signature lines (log first).", content: { "text/plain; charset=utf-8": { schema: { type: "string" } } } },
            "404": jsonError("The ledger is still empty."),
            "429": tooMany,
          },
        },
      },
      "/api/ledger/keys": {
        get: {
          tags: ["ledger"],
          operationId: "getKeys",
          summary: "Every ledger key: log, department and credential keys",
          responses: {
            "200": { description: "All keys ever used.", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/LedgerKey" } } } } },
            "429": tooMany,
          },
        },
      },
      "/api/ledger/entries/{seq}": {
        get: {
          tags: ["ledger"],
          operationId: "getEntry",
          summary: "One entry, byte for byte as signed",
          parameters: [{ name: "seq", in: "path", required: true, schema: { type: "integer", minimum: 0 } }],
          responses: {
            "200": { description: "The entry.", content: { "application/json": { schema: { $ref: "#/components/schemas/LedgerEntry" } } } },
            "400": jsonError("Malformed or beyond the tree."),
            "429": tooMany,
          },
        },
      },
      "/api/ledger/proof/inclusion": {
        get: {
          tags: ["ledger"],
          operationId: "getInclusionProof",
          summary: "RFC 6962 audit path of entry seq in the tree of size S",
          parameters: [
            { name: "seq", in: "query", required: true, schema: { type: "integer", minimum: 0 } },
            { name: "size", in: "query", required: true, schema: { type: "integer", minimum: 1 } },
          ],
          responses: {
            "200": { description: "0 ≤ seq < size ≤ current size.", content: { "application/json": { schema: { $ref: "#/components/schemas/InclusionProof" } } } },
            "400": jsonError("Out of range or malformed."),
            "429": tooMany,
          },
        },
      },
      "/api/ledger/proof/consistency": {
        get: {
          tags: ["ledger"],
          operationId: "getConsistencyProof",
          summary: "RFC 6962 consistency proof between two tree sizes",
          parameters: [
            { name: "from", in: "query", required: true, schema: { type: "integer", minimum: 1 } },
            { name: "to", in: "query", required: true, schema: { type: "integer", minimum: 1 } },
          ],
          responses: {
            "200": {
              description: "1 ≤ from ≤ to ≤ current size; from = to gives an empty proof.",
              content: { "application/json": { schema: { type: "object", required: ["from", "to", "proof"], properties: { from: { type: "integer" }, to: { type: "integer" }, proof: { type: "array", items: base64 } } } } },
            },
            "400": jsonError("Out of range or malformed."),
            "429": tooMany,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        institutionKey: { type: "http", scheme: "bearer", description: "An institution API key (dck_…), issued by the registration centre's senior admin and shown once." },
      },
      schemas: {
        Error: { type: "object", required: ["error"], properties: { error: { type: "string", description: "What went wrong and what to do about it." } } },
        InclusionProof: {
          type: "object",
          required: ["seq", "treeSize", "leafHash", "proof"],
          properties: { seq: { type: "integer" }, treeSize: { type: "integer" }, leafHash: base64, proof: { type: "array", items: base64, description: "Leaf to root." } },
        },
        CredentialAnswer: {
          type: "object",
          required: ["id", "status", "sdJwt", "ledger"],
          properties: {
            id: { type: "string" },
            status: { type: "string", enum: ["valid", "superseded", "revoked"] },
            sdJwt: { type: "string", description: "<JWS>~ — the SD-JWT without disclosures (typ dc+sd-jwt, alg EdDSA)." },
            ledger: {
              type: "object",
              required: ["seq", "checkpoint", "inclusionProof"],
              properties: {
                seq: { type: "integer", description: "Seq of the credential.issued entry." },
                checkpoint: { type: "string", description: "The signed note that covers seq (latest witnessed when there is one)." },
                inclusionProof: { $ref: "#/components/schemas/InclusionProof" },
              },
            },
          },
        },
        LookupAnswer: {
          type: "object",
          required: ["id", "status", "supersededBy", "claims", "disclosed", "ledgerSeq"],
          properties: {
            id: { type: "string" },
            status: { type: "string", enum: ["valid", "superseded", "revoked"] },
            supersededBy: { type: ["string", "null"] },
            claims: { type: "object", description: "credentialId, unitNumber, status flags, area, use, district, iat, ledgerSeq." },
            disclosed: { type: "object", description: "Only what the holder's disclosures reveal: holderNames, holderIdNumbers, and while the property is mortgaged securedAmounts (each mortgage's secured principal in yuan, a decimal string such as \"1200000.00\")." },
            ledgerSeq: { type: "integer" },
          },
        },
        LedgerKey: {
          type: "object",
          required: ["name", "department", "role", "status", "publicKey", "verifierKey", "validFrom", "validUntil"],
          properties: {
            name: { type: "string" },
            department: { type: "string" },
            role: { type: "string", enum: ["log", "department", "credential"] },
            status: { type: "string", enum: ["active", "retired", "revoked"] },
            publicKey: { ...base64, description: "32-byte Ed25519 public key." },
            verifierKey: { type: "string", description: "name+<8 hex key hash>+base64(0x01 ‖ key), as golang.org/x/mod/sumdb/note reads." },
            validFrom: { type: "string", format: "date-time" },
            validUntil: { type: ["string", "null"], format: "date-time" },
          },
        },
        LedgerEntry: {
          type: "object",
          required: ["seq", "entry", "leafHash", "signature", "keyName"],
          properties: {
            seq: { type: "integer" },
            entry: { type: "string", description: "RFC 8785 canonical JSON; hash and verify these exact bytes." },
            leafHash: base64,
            signature: { ...base64, description: "Ed25519 over the entry's UTF-8 bytes." },
            keyName: { type: "string" },
          },
        },
      },
    },
  };
}
