// Command go-verifier audits a Lightswitch log with golang.org/x/mod/sumdb (note + tlog) only, as an
// outside party would: it shares no code with the log. Built in GOPATH mode against Debian's
// golang-golang-x-mod-dev (0.7.0):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o go-verifier ./test/go-verifier
//	go-verifier -url http://127.0.0.1:8080/log/ -vkey <log vkey> [-origin O] [-witness-vkey K]
//
// Adaptation: x/mod's tlog.Tile.Path() is the sumdb form "tile/8/<L>/<N>[.p/<W>]" (height in the
// path) with record data at level "data"; C2SP tlog-tiles drops the height ("tile/<L>/<N>") and
// serves entry bundles at "tile/entries/<N>" as uint16-length-prefixed entries. The N encoding
// (x001/234) is the same, so the tile reader below rewrites the prefix and decodes bundles itself.
// tlog.ParseTree expects the go.sum header line, so the checkpoint text is parsed here
// (origin, size, base64 root). tlog.TreeHash(0) is all zeros, not SHA-256(""); size 0 is special-cased.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type result struct {
	OK           bool   `json:"ok"`
	Origin       string `json:"origin,omitempty"`
	Size         int64  `json:"size"`
	Root         string `json:"root,omitempty"`
	Entries      int64  `json:"entries"`
	TilesFetched int    `json:"tiles_fetched"`
	RecordProofs int    `json:"record_proofs"`
	TreeProofs   int    `json:"tree_proofs"`
	Cosignatures int    `json:"cosignatures"`
	Error        string `json:"error,omitempty"`
}

var prefix string
var res result

func fail(format string, args ...interface{}) {
	res.OK = false
	res.Error = fmt.Sprintf(format, args...)
	out, _ := json.Marshal(res)
	fmt.Println(string(out))
	os.Exit(1)
}

// get fetches prefix+path and insists on status 200 and exactly the expected Content-Type.
func get(path, contentType string) []byte {
	resp, err := http.Get(prefix + path)
	if err != nil {
		fail("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		fail("GET %s: %v", path, err)
	}
	if resp.StatusCode != 200 {
		fail("GET %s: status %d", path, resp.StatusCode)
	}
	if got := resp.Header.Get("Content-Type"); got != contentType {
		fail("GET %s: Content-Type %q, want %q", path, got, contentType)
	}
	return body
}

// c2spPath turns x/mod's "tile/8/L/N[.p/W]" into C2SP's "tile/L/N[.p/W]".
func c2spPath(t tlog.Tile) string {
	p := t.Path()
	if !strings.HasPrefix(p, "tile/8/") {
		fail("unexpected x/mod tile path %s", p)
	}
	return "tile/" + strings.TrimPrefix(p, "tile/8/")
}

type tileReader struct{}

func (tileReader) Height() int { return 8 }

func (tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		out[i] = get(c2spPath(t), "application/octet-stream")
		res.TilesFetched++
	}
	return out, nil
}

func (tileReader) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

// mth is RFC 6962 MTH over leaf hashes, written out independently of tlog.
func mth(leaves []tlog.Hash) tlog.Hash {
	if len(leaves) == 0 {
		return sha256.Sum256(nil)
	}
	if len(leaves) == 1 {
		return leaves[0]
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	return tlog.NodeHash(mth(leaves[:k]), mth(leaves[k:]))
}

func main() {
	url := flag.String("url", "", "log URL prefix")
	vkey := flag.String("vkey", "", "log verifier key")
	origin := flag.String("origin", "", "expected origin (default: key name)")
	witnessVkey := flag.String("witness-vkey", "", "optional Ed25519 key of a witness whose cosignature line must be present")
	flag.Parse()
	if *url == "" || *vkey == "" {
		fmt.Fprintln(os.Stderr, "usage: go-verifier -url PREFIX -vkey KEY")
		os.Exit(2)
	}
	prefix = strings.TrimSuffix(*url, "/") + "/"

	// 1. Checkpoint: a signed note, verified with x/mod's note package.
	verifier, err := note.NewVerifier(*vkey)
	if err != nil {
		fail("vkey: %v", err)
	}
	if *origin == "" {
		*origin = verifier.Name()
	}
	raw := get("checkpoint", "text/plain; charset=utf-8")
	n, err := note.Open(raw, note.VerifierList(verifier))
	if err != nil {
		fail("note.Open: %v", err)
	}
	// Cosignatures (cosignature/v1, type 0x04) are unknown to x/mod's note: they must be ignored,
	// and be present as lines when a witness is expected.
	for _, s := range n.UnverifiedSigs {
		if *witnessVkey != "" && strings.HasPrefix(*witnessVkey, s.Name+"+") {
			res.Cosignatures++
		}
	}
	if *witnessVkey != "" && res.Cosignatures == 0 {
		fail("no cosignature line from %s", *witnessVkey)
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) < 3 || lines[0] != *origin {
		fail("checkpoint text %q: want origin %q, size, root", n.Text, *origin)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		fail("checkpoint size %q", lines[1])
	}
	rootBytes, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(rootBytes) != tlog.HashSize {
		fail("checkpoint root %q", lines[2])
	}
	var root tlog.Hash
	copy(root[:], rootBytes)
	res.Origin, res.Size, res.Root = *origin, size, lines[2]
	if size == 0 {
		if root != sha256.Sum256(nil) {
			fail("empty tree root is not SHA-256(\"\")")
		}
		res.OK = true
		out, _ := json.Marshal(res)
		fmt.Println(string(out))
		return
	}

	// 2. Tiles: tlog.TileHashReader authenticates every tile against the checkpoint's tree.
	tree := tlog.Tree{N: size, Hash: root}
	thr := tlog.TileHashReader(tree, tileReader{})
	if h, err := tlog.TreeHash(size, thr); err != nil || h != root {
		fail("tlog.TreeHash from tiles: %v (%v)", h, err)
	}

	// 3. Entries: every bundle decoded, every entry hashed and compared with the authenticated
	// level-0 hash; then the root rebuilt from the entries alone.
	leaves := make([]tlog.Hash, 0, size)
	for i := int64(0); i*256 < size; i++ {
		w := size - i*256
		t := tlog.Tile{H: 8, L: 0, N: i, W: 256}
		if w < 256 {
			t.W = int(w)
		}
		path := "tile/entries/" + strings.TrimPrefix(c2spPath(t), "tile/0/")
		bundle := get(path, "application/octet-stream")
		for len(bundle) > 0 {
			if len(bundle) < 2 {
				fail("%s: truncated length", path)
			}
			l := int(binary.BigEndian.Uint16(bundle))
			if len(bundle) < 2+l {
				fail("%s: truncated entry", path)
			}
			leaves = append(leaves, tlog.RecordHash(bundle[2:2+l]))
			bundle = bundle[2+l:]
		}
		if int64(len(leaves)) != i*256+int64(t.W) {
			fail("%s: %d entries, want %d", path, int64(len(leaves))-i*256, t.W)
		}
	}
	res.Entries = int64(len(leaves))
	indexes := make([]int64, size)
	for i := range indexes {
		indexes[i] = tlog.StoredHashIndex(0, int64(i))
	}
	served, err := thr.ReadHashes(indexes)
	if err != nil {
		fail("level-0 hashes: %v", err)
	}
	for i := range leaves {
		if !bytes.Equal(served[i][:], leaves[i][:]) {
			fail("entry %d does not hash to its tile hash", i)
		}
	}
	if mth(leaves) != root {
		fail("entries do not rebuild the checkpoint root")
	}

	// 4. Proofs: inclusion of sampled records and consistency with sampled older sizes.
	for _, i := range []int64{0, size / 3, size / 2, size - 1} {
		p, err := tlog.ProveRecord(size, i, thr)
		if err != nil {
			fail("ProveRecord(%d): %v", i, err)
		}
		if err := tlog.CheckRecord(p, size, root, i, leaves[i]); err != nil {
			fail("CheckRecord(%d): %v", i, err)
		}
		res.RecordProofs++
	}
	for _, old := range []int64{1, size / 2, size - 1, size} {
		if old < 1 {
			continue
		}
		p, err := tlog.ProveTree(size, old, thr)
		if err != nil {
			fail("ProveTree(%d): %v", old, err)
		}
		if err := tlog.CheckTree(p, size, root, old, mth(leaves[:old])); err != nil {
			fail("CheckTree(%d): %v", old, err)
		}
		res.TreeProofs++
	}
	res.OK = true
	out, _ := json.Marshal(res)
	fmt.Println(string(out))
}
