package main

import (
	"fmt"
	"io"
)

func cmdLint(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "kasip lint: not wired yet")
	return 2
}
