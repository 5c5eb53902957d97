// Command embedding is the README's embedding snippet as a program that runs: it loads the
// reference rules and checks one audit clue whose transfer came too late. Its test keeps the
// snippets in README.md and README.zh-CN.md identical to the code between the README markers.
//
//	go run ./examples/embedding
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/workday"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "embedding:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	ctx := context.Background()
	var first error // the first error; the snippet goes on so that the README stays short
	check := func(e error) {
		if e != nil && first == nil {
			first = e
		}
	}
	// README:begin
	cal, err := workday.New() // State Council notices 2024–2026 and the reported 2027, embedded
	check(err)
	bundle, err := policies.Bundle(cal) // the reference policies; or rules.LoadFS on your own files
	check(err)                          // a *rules.LoadError lists every problem with file:line:col
	cst := workday.Location()
	c := &clue.Clue{
		Source:              clue.Agency{Kind: clue.KindAudit, Name: "郴州市审计局"},
		ConclusiveOpinionAt: time.Date(2026, 9, 28, 16, 0, 0, 0, cst),
		TransferredAt:       time.Date(2026, 10, 19, 9, 0, 0, 0, cst),
	}
	d, err := bundle.Check(ctx, c, c.TransferredAt)
	check(err)
	for _, v := range d.Violations {
		fmt.Fprintln(w, v.PolicyID, v.Reason, v.Message)
	}
	for _, o := range d.Obligations {
		fmt.Fprintln(w, o.Kind, o.Due.Format(time.DateOnly), o.PolicyID) // due: 23:59:59.999999999 CST
	}
	// README:end
	return first
}
