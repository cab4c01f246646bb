package fix

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchangeFiles swaps the files at a and b in one step (renamex_np with
// RENAME_SWAP): b gets a's file, a what b held at that instant.
// errCannotExchange: the file system does not swap (then nothing moved).
func exchangeFiles(a, b string) (bool, error) {
	err := unix.RenamexNp(a, b, unix.RENAME_SWAP)
	if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EINVAL) {
		return false, errCannotExchange
	}
	return err == nil, err
}
