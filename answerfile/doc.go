// Package answerfile reads, models and writes MCSF customization answer
// files (<ImageCustomizations> XML), and follows their Imports.
//
// Reading (Parse) is strict XML 1.0: whatever encoding/xml would tolerate,
// a file with "--" inside a comment, a nested comment, several roots, text
// outside the root, duplicate attributes, undeclared prefixes, a missing end
// tag or characters XML forbids is refused with one xml-syntax Diagnostic at
// the first error, with its line, column and a fix. A DOCTYPE with entity
// declarations is refused; no external entity is ever read. Files may be
// UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark,
// with LF or CRLF line ends.
//
// The reader is written here rather than taken from encoding/xml (etree's
// own reader) for three measured reasons: encoding/xml accepts what the XML
// spec forbids (above), it records no positions, and it is slower. On the
// 2.4 MB file of 5,000 targets, BenchmarkParseLarge (strict, with every
// position) takes 62-85 ms and 30,600 allocations, BenchmarkEtreeReadLarge
// (etree.ReadFromBytes, without them) 180 ms and 800,000 allocations
// (go test ./answerfile -bench 'ParseLarge|EtreeReadLarge', 2 cores).
//
// The reader builds an etree tree that keeps everything (comments,
// processing instructions, CDATA, attribute order, unknown elements) and
// records where every element and attribute starts; lines and columns are
// 1-based and columns count characters, not bytes. Walk reads with the same
// reader, the same checks and diagnostics, without building the tree, for
// a reader that needs a few values of a large file. Customizations is a typed
// view of the parts this project understands, each with its position and
// element path (/ImageCustomizations/Variant[2]/Settings[1]/Setting[3]).
//
// Writing (Bytes, Format) keeps the encoding, byte-order mark and line ends
// the file was read with. Bytes changes only layout inside tags; Format
// writes the canonical layout and is idempotent. For every well-formed input,
// parse, write and parse again gives the same tree.
//
// LoadGraph follows Import elements ($(CurrentFileDir), $(NAME) macros,
// Windows paths through PathMaps) and reads nothing else; Merge merges the
// graph as ImageApp does (the root file over imports, Priority 1 over 2, a
// clash at equal Priority an error).
//
// The package never prints and never exits; its findings are Diagnostics,
// and its errors mean that it could not work at all.
package answerfile
