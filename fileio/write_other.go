//go:build !unix

package fileio

import (
	"io/fs"
	"os"
	"time"
)

// linkCount is 1: other systems do not say.
func linkCount(fs.FileInfo) int { return 1 }

// keepOwner does nothing: ownership is not Unix's here.
func keepOwner(*os.File, fs.FileInfo) {}

// stale reports whether a temporary file is left over: without a way to ask
// whether its process runs, one older than an hour is.
func stale(_ int, info fs.FileInfo) bool { return time.Since(info.ModTime()) > time.Hour }

// syncDir does nothing: directories cannot be synced here.
func syncDir(string) {}
