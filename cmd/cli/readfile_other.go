//go:build !unix

package cli

// readFile reads the file in.path with at most limit bytes.
func readFile(in input, limit int64) ([]byte, error) { return readByOS(in, limit) }
