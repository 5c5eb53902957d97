package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/workday"
)

func (c *cli) version(name string, args []string) int {
	set := c.flagSet(name, "", `Version prints the version of the tool (the module version when installed with go install),
the newest CEL function library version, the reference bundle's content hash and the years
the working-day calendar covers.`)
	var f calendarFlags
	f.register(set)
	pos, status, ok := c.parse(set, args)
	if !ok {
		return status
	}
	if len(pos) > 0 {
		return c.fail(set, usagef("unexpected arguments: %s", strings.Join(pos, " ")))
	}
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	fmt.Fprintf(c.stdout, "guantong %s (%s %s/%s)\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(c.stdout, "rules library version %d\n", rules.LibraryVersion)
	cal, err := f.load()
	if err != nil {
		return c.fail(set, err)
	}
	b, err := policies.Bundle(cal)
	if err != nil {
		return c.fail(set, &inputError{err: err})
	}
	fmt.Fprintf(c.stdout, "reference bundle %s (%s)\n", b.Version(), plural(len(b.Policies()), "policy"))
	env := b.Engine().Environment()
	fmt.Fprintf(c.stdout, "environment: cel-go ext strings v%d, lists v%d, sets v%d, math v%d, optional v%d; cost limit %d, estimate ceiling %d\n",
		env.CELStrings, env.CELLists, env.CELSets, env.CELMath, env.CELOptional, env.CostLimit, env.MaxEstimatedCost)
	years := cal.Years()
	list := make([]string, len(years))
	for i, y := range years {
		list[i] = strconv.Itoa(y.Year)
		if n := y.Notices(); len(n) > 0 {
			list[i] += " " + strings.Join(n, " + ")
		}
		for _, s := range y.Sources {
			if s.Kind == workday.SourceReported {
				list[i] += " reported (" + s.Title + " " + s.Version + ")"
			}
		}
	}
	fmt.Fprintf(c.stdout, "calendar %s: %s\n", cal.Version(), strings.Join(list, ", "))
	return exitOK
}
