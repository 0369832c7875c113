package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// configNames are the names of the configuration file lint looks for in
// each directory, as YAML tools spell the extension both ways.
var configNames = []string{configName, ".mcsf.yml"}

// configIn returns the configuration file of directory dir: "" when there is
// none, a usage error when there are two, since neither could be said to win.
func configIn(dir string) (string, error) {
	var found []string
	for _, name := range configNames {
		p := filepath.Join(dir, name)
		st, err := os.Stat(p)
		switch {
		case err == nil && !st.IsDir():
			found = append(found, p)
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", usageError("%s", describeOpenError(p, err))
		}
	}
	if len(found) > 1 {
		return "", usageError("%s and %s are both in %s: keep one of them", configNames[0], configNames[1], relativeName(dir))
	}
	if len(found) == 0 {
		return "", nil
	}
	return found[0], nil
}
