//go:build unix

package cli

import (
	"io/fs"
	"os"
	"syscall"
)

// readFile reads the file in.path with at most limit bytes, with the same
// results and errors as os.Open and readOpenFile give.
//
// A regular file is read with plain open, fstat, read and close: os.Open
// also tries to register every file with the network poller (two fcntl
// calls to set O_NONBLOCK, an epoll_ctl the kernel refuses for a regular
// file, two fcntl calls to undo it), which was a third of the system calls
// of a lint run over many small files. Anything else (a directory, a named
// pipe, a device) goes through *os.File as before.
func readFile(in input, limit int64) ([]byte, error) {
	var fd int
	err := retryEINTR(func() (err error) {
		fd, err = syscall.Open(in.path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, usageError("%s", describeOpenError(in.path, &fs.PathError{Op: "open", Path: in.path, Err: err}))
	}
	var st syscall.Stat_t
	if err := retryEINTR(func() error { return syscall.Fstat(fd, &st) }); err != nil {
		syscall.Close(fd)
		return nil, usageError("%s", describeOpenError(in.path, &fs.PathError{Op: "stat", Path: in.path, Err: err}))
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		f := os.NewFile(uintptr(fd), in.path)
		defer f.Close()
		return readOpenFile(f, in, limit)
	}
	defer syscall.Close(fd)
	size := int64(st.Size)
	if size > limit {
		return nil, &fileTooBig{in.display, size, limit}
	}
	// Read to the end of the file, which may have grown since fstat: a
	// buffer of one more byte than the size shows growth.
	data := make([]byte, 0, size+1)
	for {
		if len(data) == cap(data) {
			data = append(data, make([]byte, 512)...)[:len(data)]
		}
		// At most limit+1 bytes in all, and 1 GiB a call, as os.File reads.
		end := min(int64(cap(data)), limit+1, int64(len(data))+1<<30)
		var n int
		err := retryEINTR(func() (err error) {
			n, err = syscall.Read(fd, data[len(data):end])
			return err
		})
		if err != nil {
			return nil, errRead(in, &fs.PathError{Op: "read", Path: in.path, Err: err})
		}
		data = data[:len(data)+n]
		if n == 0 || int64(len(data)) > limit {
			break
		}
	}
	if int64(len(data)) > limit {
		return nil, &fileTooBig{in.display, int64(len(data)), limit}
	}
	return data, nil
}

// retryEINTR calls f again while a signal interrupts it, as package os does.
func retryEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}
