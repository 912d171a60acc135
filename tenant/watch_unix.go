//go:build unix

package tenant

import (
	"fmt"
	"syscall"
)

// mapShm maps the first page of the database's WAL index (the -shm file) read-only and
// shared, so that a read sees another process's commit the moment it lands.
//
// The descriptor is deliberately never closed (a raw descriptor, so no os.File cleanup closes
// it either). SQLite locks the -shm file with POSIX advisory locks, which belong to the
// process, and closing ANY descriptor of that file drops all of them, SQLite's included:
// another process then believes it is alone, truncates the file, and this process's SQLite
// faults (SIGBUS) on its own mapping. TestTwoProcessesWriteOneFolder caught exactly that.
// One descriptor per Open for the life of the process is the price of never doing it.
func mapShm(dbPath string) ([]byte, func() error, error) {
	fd, err := syscall.Open(dbPath+"-shm", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("open wal index: %w", err)
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, nil, fmt.Errorf("stat wal index: %w", err)
	}
	// Mapping past the end of the file would fault on access; SQLite sizes it in 32 KiB steps.
	if st.Size < 4096 {
		return nil, nil, fmt.Errorf("wal index is %d bytes", st.Size)
	}
	mem, err := syscall.Mmap(fd, 0, 4096, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, fmt.Errorf("map wal index: %w", err)
	}
	return mem, func() error { return syscall.Munmap(mem) }, nil
}
