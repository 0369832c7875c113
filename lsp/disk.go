package lsp

import (
	"strings"
	"unsafe"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/fileio"
)

// disk.go: the server reads files as `mcsf lint` does, through package
// fileio (regular files only, the size limit checked before and while
// reading), and gives the strict reader an open document's text in the
// encoding of its file on disk. The editor hands over text it decoded: a
// file saved as UTF-16 declares encoding="utf-16", which the text given to
// the reader as UTF-8 would contradict, and a UTF-32 file, which lint
// refuses, would be linted as if it were fine.

// diskForm is how an open document's file is stored, as read when the
// document was opened or saved. nil means UTF-8 (or no file).
type diskForm struct {
	enc answerfile.Encoding
	// refused holds the file's bytes when the reader refuses their encoding
	// (UTF-32, UTF-16 without a byte-order mark): lint reports that until
	// the file is saved otherwise, whatever the editor's text.
	refused []byte
}

// maxFileSize is the size limit of the files the server reads.
func (s *server) maxFileSize() int64 {
	return int64(s.opts.Imports.Limits.MaxBytes) // 0: fileio's default
}

// readDiskForm reads how the file at path is stored; nil when it is UTF-8
// or cannot be read (a new file not saved yet: the editor's text is all
// there is).
func (s *server) readDiskForm(path string) *diskForm {
	data, err := fileio.ReadFile(path, s.maxFileSize())
	if err != nil {
		return nil
	}
	_, enc, ok := answerfile.DecodeText(data)
	switch {
	case !ok:
		return &diskForm{refused: data}
	case enc.Charset == answerfile.UTF8:
		return nil
	}
	return &diskForm{enc: enc}
}

// bytes is what the strict reader reads for the snapshot: its text as its
// file stores it. A UTF-8 text is given as the bytes of the snapshot's
// string, not a copy (4.5 MB a keystroke for the 5,000-target file): the
// reader keeps what it reads and never writes to it (package answerfile's
// contract for Parse and Document.Update), and neither does the server.
func (sn *snapshot) bytes() []byte {
	switch {
	case sn.disk == nil:
		return unsafe.Slice(unsafe.StringData(sn.text.src), len(sn.text.src))
	case sn.disk.refused != nil:
		return sn.disk.refused
	}
	// The byte-order mark is the encoding's, not the text's.
	return sn.disk.enc.EncodeText([]byte(strings.TrimPrefix(sn.text.src, "\uFEFF")))
}

// textOfBytes is the text of bytes the strict reader's writer made in the
// snapshot's encoding (formatting): what the editor holds.
func textOfBytes(b []byte) string {
	if text, _, ok := answerfile.DecodeText(b); ok {
		return string(text)
	}
	return string(b)
}
