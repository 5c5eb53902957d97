package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/workday"
)

// Exit statuses.
const (
	exitOK       = 0 // compliant; every test passed; no lint error
	exitFindings = 1 // violations or evaluation errors; failed tests; lint errors
	exitUsage    = 2 // the command could not run: bad usage or unreadable, invalid input
)

// maxInput bounds what is read from a subject file or standard input.
const maxInput = 64 << 20

// cli is one invocation. now is the clock for the default --at; everything else is in args.
type cli struct {
	now    func() time.Time
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand.
type command struct {
	name    string
	args    string // positional arguments, for the usage line
	summary string
	run     func(c *cli, name string, args []string) int
}

func commands() []command {
	return []command{
		{"check", "[flags] FILE|-", "evaluate a subject given as JSON against the policies", (*cli).check},
		{"explain", "[flags] FILE|-", "show why a decision came out as it did, policy by policy", (*cli).explain},
		{"test", "[flags]", "run every policy's own test cases", (*cli).test},
		{"lint", "[flags]", "compile the policies and report every problem", (*cli).lint},
		{"calendar", "[flags] DATE N", "working-day deadline and the holidays and 调休 days it crosses", (*cli).calendar},
		{"serve", "[flags]", "answer validation calls over HTTP and serve the policy workbench", (*cli).serve},
		{"version", "", "print the tool, rules library, bundle and calendar versions", (*cli).version},
	}
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprint(w, `guantong is the command line of the guantong supervision-coordination rules (监督贯通协调):
it checks subjects against CEL policies, runs and lints policy files, and counts working days.

Usage:

	guantong <command> [flags] [arguments]

Commands:

`)
	for _, cmd := range commands() {
		fmt.Fprintf(w, "\t%-9s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprint(w, `
Use "guantong <command> -h" for a command's flags. Without --policies, commands work on the
embedded reference policies. Exit status: 0 success, 1 findings (violations, failed tests,
lint errors), 2 usage or input error.
`)
}

func (c *cli) run(args []string) int {
	if len(args) == 0 {
		c.usage(c.stderr)
		return exitUsage
	}
	pre, args := leadingFlags(args)
	if len(args) == 0 {
		c.usage(c.stderr)
		return exitUsage
	}
	name := args[0]
	if len(pre) > 0 {
		args = append([]string{name}, append(pre, args[1:]...)...)
	}
	switch name {
	case "-h", "-help", "--help", "help":
		if name == "help" && len(args) > 1 {
			return c.run([]string{args[1], "-h"})
		}
		c.usage(c.stdout)
		return exitOK
	case "-version", "--version":
		name = "version"
	}
	for _, cmd := range commands() {
		if cmd.name == name {
			return cmd.run(c, name, args[1:])
		}
	}
	fmt.Fprintf(c.stderr, "guantong: unknown command %q\nRun 'guantong -h' for usage.\n", name)
	return exitUsage
}

// globalFlags are the flags that may also come before the subcommand
// (guantong --calendar 2027.txt check clue.json): they are moved after it. The value flags
// take the next argument unless written --flag=value.
var globalFlags = map[string]bool{"calendar": true, "policies": true, "timeout": true, "provisional": false, "weekend-fallback": false}

// leadingFlags splits the global flags before the subcommand from the rest.
func leadingFlags(args []string) (pre, rest []string) {
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		name := strings.TrimLeft(args[0], "-")
		name, _, hasValue := strings.Cut(name, "=")
		takes, known := globalFlags[name]
		if !known {
			break
		}
		pre = append(pre, args[0])
		args = args[1:]
		if takes && !hasValue && len(args) > 0 {
			pre = append(pre, args[0])
			args = args[1:]
		}
	}
	return pre, args
}

// usagef is an error in how the command was called; fail follows it with a pointer to the
// command's help.
func usagef(format string, args ...any) error { return fmt.Errorf(format, args...) }

// flagSet builds a command's flag set. Errors are reported by parse, not by the flag
// package.
func (c *cli) flagSet(name, args, summary string) *flag.FlagSet {
	set := flag.NewFlagSet("guantong "+name, flag.ContinueOnError)
	set.SetOutput(io.Discard)
	set.Usage = func() {
		w := set.Output()
		fmt.Fprintf(w, "Usage: guantong %s %s\n\n%s\n\nFlags:\n", name, args, summary)
		set.PrintDefaults()
	}
	return set
}

// parse parses flags anywhere among the arguments (guantong check clue.json --at 2026-10-19
// works as well as flags first); arguments after "--" are all positional. It returns the
// positional arguments, or a status when the command must stop: 0 after -h, 2 on bad flags.
func (c *cli) parse(set *flag.FlagSet, args []string) ([]string, int, bool) {
	var pos []string
	for {
		if len(args) > 0 && negativeNumber(args[0]) {
			pos, args = append(pos, args[0]), args[1:]
			continue
		}
		err := set.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			set.SetOutput(c.stdout)
			set.Usage()
			return nil, exitOK, false
		}
		if err != nil {
			c.fail(set, err)
			return nil, exitUsage, false
		}
		rest := set.Args()
		if len(rest) == 0 {
			return pos, 0, true
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), 0, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// negativeNumber reports whether s is a negative integer such as -5, which is an argument,
// not a flag.
func negativeNumber(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// fail reports err for the command of set on stderr and returns the usage status; a usage
// error is followed by a pointer to the command's help.
func (c *cli) fail(set *flag.FlagSet, err error) int {
	fmt.Fprintf(c.stderr, "%s: %v\n", set.Name(), err)
	if !isInputError(err) {
		fmt.Fprintf(c.stderr, "Run '%s -h' for usage.\n", set.Name())
	}
	return exitUsage
}

// inputError is an error in what the user gave (a file, JSON, a date), not in how the
// command was called: no usage follows it.
type inputError struct{ err error }

func (e *inputError) Error() string { return e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

func inputf(format string, args ...any) error { return &inputError{err: fmt.Errorf(format, args...)} }

func isInputError(err error) bool {
	var ie *inputError
	return errors.As(err, &ie)
}

// calendarFlags are the calendar options every command shares.
type calendarFlags struct {
	file        string
	provisional bool
	fallback    bool
}

func (f *calendarFlags) register(set *flag.FlagSet) {
	set.StringVar(&f.file, "calendar", "", "load host calendar years from `FILE`: guantong.workday JSON (see go doc workday), or the text of a State Council holiday notice")
	set.BoolVar(&f.provisional, "provisional", false, "answer years without calendar data from the holiday law (statutory days known, 调休 not; results are marked provisional)")
	set.BoolVar(&f.fallback, "weekend-fallback", false, "answer years without calendar data as weekends-only (results are marked weekends_only)")
}

func (f *calendarFlags) load() (*workday.Calendar, error) {
	var opts []workday.Option
	if f.file != "" {
		years, err := readCalendarFile(f.file)
		if err != nil {
			return nil, err
		}
		opts = append(opts, workday.WithYears(years...))
	}
	if f.provisional {
		opts = append(opts, workday.WithProvisionalYears())
	}
	if f.fallback {
		opts = append(opts, workday.WithWeekendFallback())
	}
	cal, err := workday.New(opts...)
	if err != nil {
		return nil, inputf("calendar: %w", err)
	}
	return cal, nil
}

// readCalendarFile reads calendar years from a guantong.workday JSON file or from the text
// of a State Council notice (anything that does not start with '{').
func readCalendarFile(name string) ([]workday.Year, error) {
	data, err := readLimited(name)
	if err != nil {
		return nil, inputf("calendar: %w", err)
	}
	if trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '{' {
		years, err := workday.ParseYears(data)
		if err != nil {
			return nil, inputf("calendar %s: %w", name, err)
		}
		return years, nil
	}
	y, err := workday.ParseNotice(data)
	if err != nil {
		return nil, inputf("calendar %s (read as notice text): %w", name, err)
	}
	return []workday.Year{y}, nil
}

// readLimited reads a file of at most maxInput bytes.
func readLimited(name string) ([]byte, error) {
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxInput+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInput {
		return nil, fmt.Errorf("%s is larger than %d MiB", name, maxInput>>20)
	}
	return data, nil
}

// policyFlags select the policy set: the embedded reference set or a directory.
type policyFlags struct {
	calendarFlags
	dir     string
	timeout time.Duration
}

// defaultTimeout bounds what one command spends evaluating policies, so that a policy that
// is too expensive is stopped rather than left to run.
const defaultTimeout = 30 * time.Second

func (f *policyFlags) register(set *flag.FlagSet) {
	set.StringVar(&f.dir, "policies", "", "load the policy files (.yaml, .yml, .json) under `DIR` instead of the embedded reference set")
	set.DurationVar(&f.timeout, "timeout", defaultTimeout, "stop evaluating policies after `DURATION` (e.g. 5s, 2m); 0 for no limit")
	f.calendarFlags.register(set)
}

// context returns the context the command evaluates policies under: the --timeout deadline.
func (f *policyFlags) context() (context.Context, context.CancelFunc) {
	if f.timeout <= 0 {
		return context.WithCancel(context.Background())
	}
	return context.WithTimeout(context.Background(), f.timeout)
}

// stopped explains an evaluation stopped by the --timeout.
func (f *policyFlags) stopped(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return inputf("policies evaluated for longer than --timeout %s and were stopped: %w", f.timeout, err)
	}
	return &inputError{err: err}
}

// source returns the policy files and the name to show for them.
func (f *policyFlags) source() (fsys fs.FS, name string, err error) {
	if f.dir == "" {
		return policies.FS(), "embedded reference policies", nil
	}
	st, err := os.Stat(f.dir)
	if err != nil {
		return nil, "", inputf("policies: %w", err)
	}
	if !st.IsDir() {
		return nil, "", inputf("policies: %s is not a directory", f.dir)
	}
	return os.DirFS(f.dir), f.dir, nil
}

// path makes a position in a policy file relative to the working directory (positions
// are relative to the policy directory), so that editors can open it.
func (f *policyFlags) path(p rules.Position) rules.Position {
	if f.dir != "" && p.File != "" {
		p.File = filepath.Join(f.dir, filepath.FromSlash(p.File))
	}
	return p
}

// bundle loads and compiles the selected policies over the domain subjects.
func (f *policyFlags) bundle() (*rules.Bundle, error) {
	b, _, err := f.compile()
	return b, err
}

// compile loads and compiles the selected policies with rules.Engine.LoadFS, as lint, test
// and check all do: the bundle and its warnings, or every problem (a *rules.LoadError,
// positions relative to the working directory, marked as an input error).
func (f *policyFlags) compile() (*rules.Bundle, []*rules.Problem, error) {
	cal, err := f.load()
	if err != nil {
		return nil, nil, err
	}
	src, name, err := f.source()
	if err != nil {
		return nil, nil, err
	}
	e, err := rules.New(cal, rules.WithSubjects(domain.Subjects()...))
	if err != nil {
		return nil, nil, &inputError{err: err}
	}
	b, err := e.LoadFS(src, ".")
	if errors.Is(err, rules.ErrEmptyBundle) {
		return nil, nil, inputf("policies: no policy files (.yaml, .yml, .json) in %s", name)
	}
	if err != nil {
		var le *rules.LoadError
		if errors.As(err, &le) {
			for _, p := range le.Warnings {
				p.Position = f.path(p.Position)
			}
			return nil, le.Warnings, f.relocate(err)
		}
		return nil, nil, f.relocate(err)
	}
	warns := b.Warnings()
	for _, p := range warns {
		p.Position = f.path(p.Position)
	}
	return b, warns, nil
}

// relocate makes the positions of a *rules.LoadError relative to the working directory and
// marks err as an input error.
func (f *policyFlags) relocate(err error) error {
	var le *rules.LoadError
	if errors.As(err, &le) {
		for _, p := range le.Problems {
			p.Position = f.path(p.Position)
		}
	}
	return &inputError{err: err}
}

// subject finds a registered subject by name.
func subject(e *rules.Engine, name string) (rules.Subject, error) {
	var names []string
	for _, s := range e.Subjects() {
		if s.Name() == name {
			return s, nil
		}
		names = append(names, s.Name())
	}
	sort.Strings(names)
	return rules.Subject{}, usagef("unknown subject %q (known: %s)", name, strings.Join(names, ", "))
}

// parseInstant reads an instant: RFC 3339 (2026-10-19T09:00:00+08:00), a date and time in
// China Standard Time (2026-10-19T09:00, 2026-10-19 09:00 or with seconds) or a date
// (2026-10-19, meaning 00:00 CST).
func parseInstant(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.In(workday.Location()), nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, workday.Location()); err == nil {
			return t, nil
		}
	}
	d, err := workday.ParseDate(s)
	if err != nil {
		return time.Time{}, usagef("invalid instant %q: want RFC 3339 (2026-10-19T09:00:00+08:00), 2026-10-19 09:00 (CST) or a date 2026-10-19", s)
	}
	return d.Start(), nil
}

// formatInstant prints an instant in CST: the date alone when it is a deadline (the end of a
// CST day), else date and time.
func formatInstant(t time.Time) string {
	t = t.In(workday.Location())
	d := workday.DateOf(t)
	switch {
	case t.Equal(d.End()):
		return d.String()
	case t.Second() == 0 && t.Nanosecond() == 0:
		return t.Format("2006-01-02 15:04 CST")
	default:
		return t.Format("2006-01-02 15:04:05 CST") // to the second: the JSON output has the rest
	}
}
