package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/fileio"
	"github.com/mcsf-dev/mcsf/internal/linediff"
	"github.com/mcsf-dev/mcsf/report"
	"github.com/spf13/cobra"
)

type fmtOptions struct {
	inputOptions
	write, check, diff bool
	force              bool
	encoding, lineEnds string
}

const fmtLong = `Format answer files in the canonical layout: one element per line, two
spaces per level, attributes in their original order, comments kept where
they were, empty elements self-closed. Formatting is idempotent and keeps the
file's encoding (UTF-8 or UTF-16, byte-order mark) and line ends, unless
--encoding or --line-ends says otherwise (the XML declaration follows).

Without flags the formatted text goes to standard output. A file that is not
well-formed XML is reported and never written.

Examples:
  mcsf fmt answers.xml
  mcsf fmt -w answers/
  mcsf fmt --check answers/
  mcsf fmt -d answers.xml
  mcsf fmt -w --encoding utf-8 --line-ends lf answers.xml
  cat answers.xml | mcsf fmt - --stdin-filename answers.xml`

func newFmtCmd(io *streams) *cobra.Command {
	o := &fmtOptions{}
	cmd := &cobra.Command{
		Use:   "fmt [FILE|DIR|GLOB|- ...]",
		Short: "Format answer files in the canonical layout",
		Long:  fmtLong,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFmt(o, args, io)
		},
	}
	f := cmd.Flags()
	f.BoolVarP(&o.write, "write", "w", false, "rewrite files in place (atomically)")
	f.BoolVar(&o.check, "check", false, "list files whose layout would change and exit 1")
	f.BoolVarP(&o.diff, "diff", "d", false, "print a unified diff of the changes")
	f.StringVar(&o.encoding, "encoding", "keep", "write keep (as read), utf-8, utf-8-bom, utf-16le or utf-16be")
	f.StringVar(&o.lineEnds, "line-ends", "keep", "write keep (as read), lf or crlf line ends")
	addInputFlags(cmd, &o.inputOptions)
	addForceFlag(cmd, &o.force)
	return cmd
}

// addInputFlags binds the flags shared by commands that read answer files.
func addInputFlags(cmd *cobra.Command, o *inputOptions) {
	cmd.Flags().StringVar(&o.stdinFilename, "stdin-filename", "", "name to report for standard input (-)")
	cmd.Flags().Int64Var(&o.maxFileSize, "max-file-size", defaultMaxFileSize, "refuse files larger than this many bytes")
}

func runFmt(o *fmtOptions, args []string, io *streams) error {
	if len(args) == 0 {
		return usageError("no input: name files or directories, or - for standard input")
	}
	convert, err := o.conversion()
	if err != nil {
		return err
	}
	inputs, err := o.collect(args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return usageError("no .xml files found in %v", args)
	}
	mem := io.memoryLimit(1)
	failed := false
	color := colorOn(io.err, os.Getenv)
	for _, in := range inputs {
		data, err := o.read(in, io.in)
		mem.add(len(data))
		var big *fileTooBig
		if errors.As(err, &big) {
			fmt.Fprintf(io.err, "mcsf: %v\n", err)
			failed = true
			continue
		}
		if err != nil {
			return err
		}
		doc, diags, err := answerfile.ParseLimits(in.display, data, o.parseLimits())
		if err != nil {
			return internal(err)
		}
		if len(diags) > 0 {
			report.WriteDiagnostics(io.err, diags, report.Sources{in.display: answerfile.NewSource(data)}, color)
			failed = true
			continue
		}
		convert(doc)
		out, err := doc.Format()
		if err != nil {
			return internal(err)
		}
		changed := !bytes.Equal(out, data)
		if o.check && changed {
			fmt.Fprintln(io.out, report.Inline(in.display)) // one name a line, whatever it holds
			failed = true
		}
		if o.diff && changed {
			fmt.Fprint(patchOut(io.out), linediff.Unified("a/"+in.display, "b/"+in.display, data, out))
		}
		if o.write && changed && in.path != "-" {
			if err := writeFile(io.err, in.path, out, fileio.WriteOptions{Expect: data, BreakLinks: o.force}); err != nil {
				return err
			}
		}
		if !o.check && !o.diff && (!o.write || in.path == "-") {
			io.out.Write(out)
		}
	}
	if failed {
		return errFindings
	}
	return nil
}

// conversion returns what --encoding and --line-ends do to a document.
func (o *fmtOptions) conversion() (func(*answerfile.Document), error) {
	var charset answerfile.Charset
	var bom bool
	if o.encoding != "keep" {
		var err error
		if charset, bom, err = answerfile.ParseEncoding(o.encoding); err != nil {
			return nil, usageError("--encoding: %v", err)
		}
	}
	if o.lineEnds != "keep" && o.lineEnds != "lf" && o.lineEnds != "crlf" {
		return nil, usageError("--line-ends: unknown value %q (want keep, lf or crlf)", o.lineEnds)
	}
	return func(doc *answerfile.Document) {
		enc := doc.Encoding
		if charset != "" {
			enc.Charset, enc.BOM = charset, bom
		}
		if o.lineEnds != "keep" {
			enc.CRLF = o.lineEnds == "crlf"
		}
		if enc != doc.Encoding {
			doc.SetEncoding(enc)
		}
	}, nil
}
