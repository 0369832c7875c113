package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// writeAtomic replaces path with data: it writes a temporary file in the same
// directory, syncs it, gives it the mode of the file it replaces and renames
// it over the original, so a reader sees the old or the new content, never a
// part. When expect is non-nil the file must still hold exactly expect (it
// was not changed since it was read), or nothing is written.
func writeAtomic(path string, data, expect []byte) (err error) {
	mode := os.FileMode(0o644)
	st, statErr := os.Stat(path)
	if statErr == nil {
		mode = st.Mode().Perm()
	}
	if expect != nil {
		now, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		if !bytes.Equal(now, expect) {
			return fmt.Errorf("write %s: the file changed since it was read; not overwritten", path)
		}
	}
	if statErr == nil {
		// Refuse early where the file itself is read-only, as an editor would.
		if mode&0o200 == 0 {
			return fmt.Errorf("write %s: the file is read-only; not overwritten", path)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".mcsf-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
