package fix

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchangeFiles swaps the files at a and b in one step (renameat2 with
// RENAME_EXCHANGE): b gets a's file, a what b held at that instant.
// errCannotExchange: the file system does not swap (then nothing moved).
func exchangeFiles(a, b string) (bool, error) {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP) {
		return false, errCannotExchange
	}
	return err == nil, err
}
