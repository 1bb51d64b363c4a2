// Command go-check verifies the Deedchain public ledger API's answers with the Go
// reference packages golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog, as an
// independent auditor would (DESIGN.md §5). It reads one JSON object on stdin:
//
//	{"checkpoint": "<GET /api/ledger/checkpoint>",
//	 "verifierKeys": ["<verifierKey of every key in GET /api/ledger/keys>"],
//	 "logKey": "<name of the active log key>",
//	 "cosignerKeys": ["<names of the active department keys>"], "quorum": 2,
//	 "entry": "<entry from GET /api/ledger/entries/{seq}>",
//	 "inclusion": <GET /api/ledger/proof/inclusion?seq=N&size=S>}
//
// It prints what it checked and exits 0, or prints why not and exits 1.
// Build offline with Debian's golang-golang-x-mod-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o go-check .
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type inclusion struct {
	Seq      int64    `json:"seq"`
	TreeSize int64    `json:"treeSize"`
	LeafHash string   `json:"leafHash"`
	Proof    []string `json:"proof"`
}

type input struct {
	Checkpoint   string    `json:"checkpoint"`
	VerifierKeys []string  `json:"verifierKeys"`
	LogKey       string    `json:"logKey"`
	CosignerKeys []string  `json:"cosignerKeys"`
	Quorum       int       `json:"quorum"`
	Entry        string    `json:"entry"`
	Inclusion    inclusion `json:"inclusion"`
}

func fail(format string, args ...any) {
	fmt.Printf("FAIL: "+format+"\n", args...)
	os.Exit(1)
}

func hashFromBase64(what, text string) tlog.Hash {
	raw, err := base64.StdEncoding.DecodeString(text)
	if err != nil || len(raw) != tlog.HashSize {
		fail("%s is not a base64 32-byte hash: %q", what, text)
	}
	var h tlog.Hash
	copy(h[:], raw)
	return h
}

// parseCheckpoint reads a C2SP tlog-checkpoint body: origin, decimal size, base64 root.
func parseCheckpoint(text string) (origin string, size int64, root tlog.Hash) {
	lines := strings.Split(text, "\n")
	if len(lines) < 4 || lines[len(lines)-1] != "" {
		fail("checkpoint body has fewer than three lines: %q", text)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		fail("checkpoint size %q is not a decimal count", lines[1])
	}
	return lines[0], size, hashFromBase64("checkpoint root", lines[2])
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fail("reading the JSON input: %v", err)
	}

	verifiers := make([]note.Verifier, 0, len(in.VerifierKeys))
	for _, vkey := range in.VerifierKeys {
		v, err := note.NewVerifier(vkey)
		if err != nil {
			fail("note.NewVerifier(%q): %v", vkey, err)
		}
		verifiers = append(verifiers, v)
	}

	n, err := note.Open([]byte(in.Checkpoint), note.VerifierList(verifiers...))
	if err != nil {
		fail("note.Open: %v", err)
	}
	signedBy := map[string]bool{}
	for _, sig := range n.Sigs {
		signedBy[sig.Name] = true
	}
	if len(n.Sigs) == 0 || n.Sigs[0].Name != in.LogKey {
		fail("the log key %s did not sign first (verified signers: %v)", in.LogKey, n.Sigs)
	}
	cosigners := 0
	for _, name := range in.CosignerKeys {
		if signedBy[name] {
			cosigners++
		}
	}
	if cosigners < in.Quorum {
		fail("%d department cosignatures verified, quorum is %d", cosigners, in.Quorum)
	}
	origin, size, root := parseCheckpoint(n.Text)

	p := in.Inclusion
	if p.TreeSize != size {
		fail("inclusion proof is for size %d, the checkpoint for %d", p.TreeSize, size)
	}
	record := tlog.RecordHash([]byte(in.Entry))
	if record != hashFromBase64("leafHash", p.LeafHash) {
		fail("leafHash %s is not RecordHash(entry) %s", p.LeafHash, record)
	}
	proof := make(tlog.RecordProof, len(p.Proof))
	for i, h := range p.Proof {
		proof[i] = hashFromBase64(fmt.Sprintf("proof[%d]", i), h)
	}
	if err := tlog.CheckRecord(proof, size, root, p.Seq, record); err != nil {
		fail("tlog.CheckRecord(seq %d, size %d): %v", p.Seq, size, err)
	}
	fmt.Printf("OK: note.Open verified %d signatures (log key %s, %d department cosignatures); origin %q size %d; tlog.CheckRecord accepted seq %d\n",
		len(n.Sigs), in.LogKey, cosigners, origin, size, p.Seq)
}
