//go:build !linux && !darwin

package fix

// exchangeFiles: no atomic swap here; commit falls back to a rename.
func exchangeFiles(a, b string) (bool, error) { return false, errCannotExchange }
