// /developers: a readable guide to the public credential and ledger API for the developers
// of banks, courts and schools. The endpoint list is rendered from the same OpenAPI document
// that /api/openapi.json serves, so the two cannot drift apart. The technical body is in
// English (code, field names and standards are English either way); title and lead follow
// the visitor's language.
import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { openApiDocument } from "@/lib/credentials/openapi";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("developers");
  return { title: t("title") };
}

const STEPS = [
  ["Fetch", "GET /api/credentials/{id} → {id, status, sdJwt, ledger: {seq, checkpoint, inclusionProof}}; GET /api/ledger/keys; GET /api/ledger/entries/{ledger.seq}."],
  ["Credential signature", "Split sdJwt at the first ~. Read the JWS header: typ must be dc+sd-jwt, alg EdDSA; kid names a key of role credential in /api/ledger/keys. Verify the Ed25519 signature over header.payload (any JOSE library with EdDSA works)."],
  ["Disclosures", "A holder's share link carries disclosures after #d= (split on ~). SHA-256 of each disclosure's ASCII, base64url, must appear in the payload's _sd array (RFC 9901 §7.1); the decoded [salt, name, value] gives the claim."],
  ["Issuing entry", "The entry is RFC 8785 canonical JSON: type credential.issued, payload.credentialId = id, payload.sdJwtSha256 = base64 SHA-256 of the JWS; the JWT claim ledgerSeq = the entry's seq. Verify its signature with its department key, valid at the entry's time."],
  ["Inclusion", "Leaf hash = SHA-256(0x00 ‖ entry bytes). Walk inclusionProof.proof (RFC 6962 §2.1.1) to the root; it must equal the root hash in the checkpoint body, whose size must equal inclusionProof.treeSize."],
  ["Checkpoint", "The checkpoint is a C2SP signed note. The first signature line is the log key's; count cosignature lines that verify under active department keys (key hash = first 4 bytes of SHA-256(name ‖ \\n ‖ 0x01 ‖ key)). We require at least the published quorum."],
  ["Status", "Authentic is not the same as current: status valid means current; superseded means a later registration (transfer, mortgage, seizure, release) replaced it; revoked means do not rely on it."],
] as const;

export default async function DevelopersPage() {
  const t = await getTranslations("developers");
  const host = (await headers()).get("host") ?? "localhost";
  const origin = `${host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https"}://${host}`;
  const doc = openApiDocument(origin);
  const endpoints = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => ({ method: method.toUpperCase(), path, summary: (op as { summary: string }).summary, description: (op as { description?: string }).description })),
  );
  return (
    <div className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="mb-4 text-3xl font-bold">{t("title")}</h1>
      <p className="mb-4 max-w-prose text-lg text-muted">{t("lead")}</p>
      <p className="mb-10">
        <a href="/api/openapi.json" className="link">
          {t("openapi")}
        </a>
      </p>

      <section aria-labelledby="endpoints-title" className="mb-10">
        <h2 id="endpoints-title" className="mb-4 text-2xl font-bold">
          Endpoints
        </h2>
        <dl className="space-y-4">
          {endpoints.map((e) => (
            <div key={`${e.method} ${e.path}`} className="border-l-4 border-brand bg-panel p-3">
              <dt className="font-mono font-semibold">
                {e.method} {e.path}
              </dt>
              <dd>
                <p className="font-semibold">{e.summary}</p>
                {e.description && <p className="mt-1 text-muted">{e.description}</p>}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="verify-title" className="mb-10">
        <h2 id="verify-title" className="mb-4 text-2xl font-bold">
          Verifying a credential yourself
        </h2>
        <ol className="list-decimal space-y-3 pl-6">
          {STEPS.map(([title, body]) => (
            <li key={title}>
              <strong>{title}.</strong> {body}
            </li>
          ))}
        </ol>
        <p className="mt-4">
          The public page{" "}
          <Link href="/verify" className="link">
            /verify
          </Link>{" "}
          runs exactly these checks in the visitor&apos;s browser, with the proof bundle embedded in the page.
        </p>
      </section>

      <section aria-labelledby="examples-title" className="mb-10">
        <h2 id="examples-title" className="mb-4 text-2xl font-bold">
          Examples
        </h2>
        <pre className="overflow-x-auto bg-ink p-4 text-sm text-white">
          {`# Public status and proof bundle (no key needed)
curl -s ${origin}/api/credentials/dc-XXXXXXXXXXXXXXXXXXXX

# Institution lookup with the holder's shared disclosure (logged for the holder)
curl -s -X POST ${origin}/api/credentials/dc-XXXXXXXXXXXXXXXXXXXX/lookup \\
  -H "Authorization: Bearer dck_…" -H "Content-Type: application/json" \\
  -d '{"disclosures": ["<from the share link, after #d=>"], "purpose": "mortgage"}'

# Check the SD-JWT with jose (Node.js)
import { compactVerify, importJWK } from "jose";
const key = await importJWK({ kty: "OKP", crv: "Ed25519", x: base64url(publicKeyBytes) }, "EdDSA");
await compactVerify(sdJwt.split("~")[0], key);`}
        </pre>
      </section>

      <section aria-labelledby="limits-title">
        <h2 id="limits-title" className="mb-4 text-2xl font-bold">
          Limits and caching
        </h2>
        <ul className="list-disc space-y-2 pl-6">
          <li>Public endpoints are rate-limited per address; over the limit you get 429 with Retry-After (seconds).</li>
          <li>Credential answers carry an ETag: send If-None-Match and get 304 while neither the status nor the checkpoint moved.</li>
          <li>Ledger entries and proofs at a fixed size never change (Cache-Control: immutable); put a cache in front for bulk work.</li>
          <li>Errors are JSON {"{"}&quot;error&quot;: &quot;…&quot;{"}"} with a message that says what to fix; never a stack trace.</li>
          <li>API keys are issued by the registration centre (shown once, stored hashed) and can be revoked at any time.</li>
        </ul>
      </section>
    </div>
  );
}
