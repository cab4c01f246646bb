//go:build !unix

package source

// openNonBlocking: no FIFOs to wait on here.
const openNonBlocking = 0
