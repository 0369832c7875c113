package cli

import (
	"os"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/spf13/cobra"
)

// importOptions are the flags of commands that follow Import elements.
type importOptions struct {
	pathMaps  []string
	noImports bool
}

func addImportFlags(cmd *cobra.Command, o *importOptions, withNoImports bool) {
	cmd.Flags().StringArrayVar(&o.pathMaps, "path-map", nil, `map a Windows path prefix in Import Source to a local directory, e.g. 'C:\build=/src' (repeatable)`)
	if withNoImports {
		cmd.Flags().BoolVar(&o.noImports, "no-imports", false, "check each file alone, without following its Import elements")
	}
}

// loadGraph parses a root answer file and, unless --no-imports, what it imports.
func (o *importOptions) loadGraph(name string, data []byte, maxFileSize int64) (*answerfile.Graph, error) {
	opts := answerfile.ImportOptions{Getenv: os.LookupEnv, Limits: answerfile.DefaultLimits}
	if maxFileSize > 0 {
		opts.Limits.MaxBytes = int(maxFileSize)
	}
	for _, s := range o.pathMaps {
		pm, err := answerfile.ParsePathMap(s)
		if err != nil {
			return nil, usageError("--path-map: %v", err)
		}
		opts.PathMaps = append(opts.PathMaps, pm)
	}
	opts.NoFollow = o.noImports
	g, err := answerfile.LoadGraph(name, data, opts)
	if err != nil {
		return nil, internal(err)
	}
	return g, nil
}
