package report

import (
	"io"
	"strconv"
)

// TerminalSafe returns a writer that passes text on to w with the control
// characters a terminal acts on escaped as \xNN: ESC, CR, BEL, backspace,
// the other C0 controls, DEL, and the C1 controls U+0080-U+009F (CSI is
// U+009B), so that a value from an answer file or a SIM batch cannot move
// the cursor, clear the screen, retitle the window or forge a line of the
// output. Newline and tab pass. It is for text meant for a person; machine
// formats escape on their own (JSON, SARIF, XML).
//
// A C1 control is two bytes in UTF-8 (0xC2 0x80-0x9F): a write that ends
// with 0xC2 holds it until the next write says what it leads; text output
// ends with a newline, so nothing is held at its end.
func TerminalSafe(w io.Writer) io.Writer { return &terminalSafe{w: w} }

type terminalSafe struct {
	w    io.Writer
	lead bool   // the last write ended with 0xC2, held
	buf  []byte // scratch
}

func (t *terminalSafe) Write(p []byte) (int, error) {
	b := t.buf[:0]
	i := 0
	if t.lead {
		t.lead = false
		if len(p) > 0 && isC1(p[0]) {
			b, i = appendEscaped(b, p[0]), 1
		} else {
			b = append(b, 0xc2)
		}
	}
	for ; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\n' || c == '\t':
			b = append(b, c)
		case c < 0x20 || c == 0x7f:
			b = appendEscaped(b, c)
		case c == 0xc2 && i+1 == len(p):
			t.lead = true
		case c == 0xc2 && isC1(p[i+1]):
			b = appendEscaped(b, p[i+1])
			i++
		default:
			b = append(b, c)
		}
	}
	t.buf = b
	if _, err := t.w.Write(b); err != nil {
		return 0, err
	}
	return len(p), nil
}

// isC1 reports whether c, after 0xC2, makes a C1 control character.
func isC1(c byte) bool { return c >= 0x80 && c < 0xa0 }

func appendEscaped(b []byte, c byte) []byte {
	b = append(b, '\\', 'x')
	if c < 0x10 {
		b = append(b, '0')
	}
	return strconv.AppendUint(b, uint64(c), 16)
}
