//go:build !race

package wrangler

const raceEnabled = false
