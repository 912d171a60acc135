//go:build unix

package tenant

import (
	"fmt"
	"os"
	"syscall"
)

// mapShm maps the first page of the database's WAL index (the -shm file) read-only and
// shared, so that a read sees another process's commit the moment it lands.
func mapShm(dbPath string) ([]byte, func() error, error) {
	f, err := os.Open(dbPath + "-shm")
	if err != nil {
		return nil, nil, fmt.Errorf("open wal index: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("stat wal index: %w", err)
	}
	// Mapping past the end of the file would fault on access; SQLite sizes it in 32 KiB steps.
	if fi.Size() < 4096 {
		return nil, nil, fmt.Errorf("wal index is %d bytes", fi.Size())
	}
	mem, err := syscall.Mmap(int(f.Fd()), 0, 4096, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, fmt.Errorf("map wal index: %w", err)
	}
	return mem, func() error { return syscall.Munmap(mem) }, nil
}
