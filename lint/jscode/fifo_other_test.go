//go:build !unix

package jscode

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on this system") }
