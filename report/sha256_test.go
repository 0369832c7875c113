package report

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"testing"
)

// TestSHA256 holds sha256Sum to crypto/sha256 on every length from 0 to 300
// bytes (each padding case: 55, 56, 63, 64 and 119, 120 bytes are the
// boundaries) and on a few larger random messages, and to the FIPS 180-4
// example "abc".
func TestSHA256(t *testing.T) {
	abc := sha256Sum([]byte("abc"))
	if got, want := hex.EncodeToString(abc[:]), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; got != want {
		t.Errorf(`sha256Sum("abc") = %s, want %s`, got, want)
	}
	r := rand.New(rand.NewPCG(1, 2))
	msg := make([]byte, 5000)
	for i := range msg {
		msg[i] = byte(r.Uint32())
	}
	lengths := []int{1000, 4095, 4096, 5000}
	for n := range 301 {
		lengths = append(lengths, n)
	}
	for _, n := range lengths {
		if got, want := sha256Sum(msg[:n]), sha256.Sum256(msg[:n]); got != want {
			t.Errorf("%d bytes: got %x, want %x", n, got, want)
		}
	}
}
