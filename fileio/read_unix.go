//go:build unix

package fileio

import (
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ReadFile reads the regular file at path, refusing anything else and more
// than limit bytes (0 or less: DefaultMaxFileSize). Symbolic links are
// followed (a link to /dev/zero is refused as a character device).
//
// The file is opened with O_NONBLOCK, so that opening a FIFO returns at once
// instead of waiting for a writer, and read with plain open, fstat, read and
// close: os.Open also registers every file with the network poller (four
// fcntl calls and an epoll_ctl the kernel refuses for a regular file), a
// third of the system calls of a lint run over many small files.
func ReadFile(path string, limit int64) ([]byte, error) { return ReadFileInto(nil, path, limit) }

// ReadFileInto is ReadFile reading into the memory of buf when it has room
// for the file (and one byte more), so that a program reading many files
// one after the other, each done with before the next, makes no garbage of
// their bytes; else into a new slice. The bytes returned may be buf's: the
// caller gives buf up until it is done with them.
func ReadFileInto(buf []byte, path string, limit int64) ([]byte, error) {
	limit = effective(limit)
	fd, size, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	if size > limit {
		return nil, &TooLargeError{Path: path, Size: size, Limit: limit}
	}
	// Read to the end of the file, which may have grown since fstat: a
	// buffer of one more byte than the size shows growth.
	data := buf[:0]
	if int64(cap(buf)) < plusOne(size) {
		data = make([]byte, 0, plusOne(size))
	}
	// No more than that is asked of the first read, also when buf is
	// larger: a read past the end of the file's last page sets the kernel
	// reading ahead (page_cache_ra_order took 1.1-1.6 % of the CPU of a
	// lint of 10,000 small files read into a reused buffer).
	data = data[:0:plusOne(size)]
	for {
		if len(data) == cap(data) {
			data = append(data, make([]byte, 512)...)[:len(data)]
		}
		// At most limit+1 bytes in all, and 1 GiB a call, as os.File reads.
		end := min(int64(cap(data)), plusOne(limit), int64(len(data))+1<<30)
		var n int
		err := retryEINTR(func() (err error) {
			n, err = syscall.Read(fd, data[len(data):end])
			return err
		})
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		data = data[:len(data)+n]
		// A read of a file on disk (fstat gave its size; files of /proc
		// say 0) that returns less than it asked for has reached the end:
		// no second read to see it return 0 (one system call of five per
		// file).
		if n == 0 || size > 0 && int64(n) < end-int64(len(data)-n) || int64(len(data)) > limit {
			break
		}
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Path: path, Size: int64(len(data)), Limit: limit}
	}
	return data, nil
}

// Open opens the regular file at path for streaming, refusing anything else
// as ReadFile does; the reader fails with a TooLargeError past limit bytes (0
// or less: DefaultMaxFileSize).
func Open(path string, limit int64) (io.ReadCloser, error) {
	limit = effective(limit)
	fd, size, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	if size > limit {
		syscall.Close(fd)
		return nil, &TooLargeError{Path: path, Size: size, Limit: limit}
	}
	f := os.NewFile(uintptr(fd), path)
	return &limitedFile{LimitReader(f, path, limit), f}, nil
}

// openRegular opens path without blocking and returns its descriptor and
// size, or a NotRegularError (the descriptor then closed) for anything but
// a regular file.
func openRegular(path string) (fd int, size int64, err error) {
	err = retryEINTR(func() (err error) {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
		return err
	})
	if err != nil {
		return -1, 0, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	var st syscall.Stat_t
	if err := retryEINTR(func() error { return syscall.Fstat(fd, &st) }); err != nil {
		syscall.Close(fd)
		return -1, 0, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		syscall.Close(fd)
		return -1, 0, &NotRegularError{Path: path, Kind: kindOf(unixMode(uint32(st.Mode)))}
	}
	return fd, int64(st.Size), nil
}

// unixMode converts the type bits of a stat mode to an fs.FileMode.
func unixMode(m uint32) fs.FileMode {
	switch m & syscall.S_IFMT {
	case syscall.S_IFDIR:
		return fs.ModeDir
	case syscall.S_IFIFO:
		return fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		return fs.ModeSocket
	case syscall.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		return fs.ModeDevice
	case syscall.S_IFLNK:
		return fs.ModeSymlink
	}
	return fs.ModeIrregular
}

// retryEINTR calls f again while a signal interrupts it, as package os does.
func retryEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}
