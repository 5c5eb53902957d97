package main

import (
	"io"
	"os"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command: it reads args and stdin, writes to stdout and stderr, and returns
// the exit status. The default evaluation instant of check and explain is the current time.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return (&cli{now: time.Now, stdin: stdin, stdout: stdout, stderr: stderr}).run(args)
}
