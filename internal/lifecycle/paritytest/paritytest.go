// Package paritytest runs the same bad inputs through the lifecycles of clue,
// rectification and meeting and checks that each refuses them the same way: the same typed
// error with the same fields and the same message (after the package's prefix), matching
// the same sentinels. Each package's test supplies a Harness in its own vocabulary.
package paritytest

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/internal/lifecycle"
)

// Head is the head of an event as a harness sets it before applying it.
type Head struct {
	ID       uuid.UUID
	Seq      uint64
	At       time.Time
	Actor    uuid.UUID
	From, To string
}

// Outcome is a package's error in neutral terms.
type Outcome struct {
	Type    string // "SequenceError", "FieldError", "TransitionError", "GuardError", "PolicyError"; "" for nil
	Field   string // SequenceError and FieldError: the field; GuardError: the guard
	Want    string // SequenceError
	Got     string // SequenceError
	Message string // Error() without the package's "name: " prefix
}

// Harness is one package's side of the parity test.
type Harness struct {
	Package string // "clue", "rectification", "meeting": the prefix of every message
	IDField string // the aggregate id's JSON name in an event, e.g. "clue_id"
	// First is the head of a valid first event, Next of a valid second one.
	First, Next Head
	// ApplyFirst applies a first event with head h to a zero aggregate.
	ApplyFirst func(h Head) error
	// ApplyNext applies the valid first event to a zero aggregate, then a second event with
	// head h.
	ApplyNext func(h Head) error
	// Illegal applies a step the state has no row for; IllegalStep and IllegalState name them.
	Illegal                   func() error
	IllegalStep, IllegalState string
	// Refused applies a step a guard refuses (on a state with several rows for the step,
	// chosen by a branch guard); RefusedGuard names the guard expected.
	Refused      func() error
	RefusedGuard string
	// PolicyFails runs a first step with a policy whose Assess returns err.
	PolicyFails func(err error) error
	// Types are the package's error types, as typed nil pointers; Sentinels are the
	// package's ErrInvalid, ErrSequence, ErrIllegalStep, ErrGuard and ErrPolicy by those
	// names.
	Types     Types
	Sentinels map[string]error
}

// Types are a package's lifecycle error types, e.g. (*clue.GuardError)(nil). Their fields
// are read by name: GuardError.Guard, SequenceError.Field/Want/Got, FieldError.Field,
// PolicyError.PolicyID — the same names in every package, which the test also checks.
type Types struct {
	Guard, Transition, Sequence, Field, Policy error
}

// outcome converts a package's error into neutral terms, by its types.
func (h *Harness) outcome(t *testing.T, err error) Outcome {
	t.Helper()
	if err == nil {
		return Outcome{}
	}
	msg := strings.TrimPrefix(err.Error(), h.Package+": ")
	field := func(v reflect.Value, name string) string {
		f := v.FieldByName(name)
		if !f.IsValid() {
			t.Fatalf("%s has no field %s", v.Type(), name)
		}
		return fmt.Sprint(f.Interface())
	}
	for _, c := range []struct {
		name  string
		proto error
		read  func(v reflect.Value) Outcome
	}{
		{"GuardError", h.Types.Guard, func(v reflect.Value) Outcome { return Outcome{Field: field(v, "Guard")} }},
		{"TransitionError", h.Types.Transition, func(reflect.Value) Outcome { return Outcome{} }},
		{"PolicyError", h.Types.Policy, func(v reflect.Value) Outcome { return Outcome{Field: field(v, "PolicyID")} }},
		{"SequenceError", h.Types.Sequence, func(v reflect.Value) Outcome {
			return Outcome{Field: field(v, "Field"), Want: field(v, "Want"), Got: field(v, "Got")}
		}},
		{"FieldError", h.Types.Field, func(v reflect.Value) Outcome { return Outcome{Field: field(v, "Field")} }},
	} {
		target := reflect.New(reflect.TypeOf(c.proto))
		if errors.As(err, target.Interface()) {
			o := c.read(target.Elem().Elem())
			o.Type, o.Message = c.name, msg
			return o
		}
	}
	return Outcome{Type: "other", Message: err.Error()}
}

type tcase struct {
	name  string
	apply func() error
	want  Outcome
	is    []string
}

// Run checks h against the shared expectations.
func Run(t *testing.T, h Harness) {
	t.Helper()
	other := uuid.NewSHA1(uuid.NameSpaceOID, []byte("another aggregate"))
	seqErr := func(field, want, got string) Outcome {
		return Outcome{Type: "SequenceError", Field: field, Want: want, Got: got,
			Message: fmt.Sprintf("event %s is %s, want %s", field, got, want)}
	}
	fieldErr := func(field, reason string) Outcome {
		return Outcome{Type: "FieldError", Field: field, Message: fmt.Sprintf("field %s: %s", field, reason)}
	}
	next := func(f func(*Head)) func() error {
		return func() error {
			x := h.Next
			f(&x)
			return h.ApplyNext(x)
		}
	}
	early := h.First.At.Add(-time.Hour)
	cases := []tcase{
		{"valid", next(func(*Head) {}), Outcome{}, nil},
		{"first event without id", func() error { x := h.First; x.ID = uuid.Nil; return h.ApplyFirst(x) },
			fieldErr(h.IDField, "required"), []string{"invalid"}},
		{"another aggregate's event", next(func(x *Head) { x.ID = other }),
			seqErr(h.IDField, h.First.ID.String(), other.String()), []string{"sequence"}},
		{"sequence gap", next(func(x *Head) { x.Seq++ }),
			seqErr("seq", strconv.FormatUint(h.Next.Seq, 10), strconv.FormatUint(h.Next.Seq+1, 10)), []string{"sequence"}},
		{"zero instant", next(func(x *Head) { x.At = time.Time{} }), fieldErr("at", "zero instant"), []string{"invalid"}},
		{"back in time", next(func(x *Head) { x.At = early }),
			seqErr("at", "not before "+h.First.At.Format(time.RFC3339), early.Format(time.RFC3339)), []string{"sequence"}},
		{"no acting agency", next(func(x *Head) { x.Actor = uuid.Nil }), fieldErr("actor.agency", "required"), []string{"invalid"}},
		{"wrong from", next(func(x *Head) { x.From = "bogus" }), seqErr("from", h.Next.From, "bogus"), []string{"sequence"}},
		{"wrong to", next(func(x *Head) { x.To = "bogus" }), seqErr("to", h.Next.To, "bogus"), []string{"sequence"}},
		{"illegal step", h.Illegal, Outcome{Type: "TransitionError",
			Message: fmt.Sprintf("step %q is not allowed in state %q", h.IllegalStep, h.IllegalState)}, []string{"illegal_step"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.apply()
			got := h.outcome(t, err)
			if err != nil {
				msg, ok := strings.CutPrefix(err.Error(), h.Package+": ")
				if !ok {
					t.Errorf("message %q lacks the prefix %q", err.Error(), h.Package+": ")
				}
				if got.Message != msg {
					t.Errorf("Outcome.Message %q, Error() %q", got.Message, msg)
				}
			}
			if got != c.want {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
			checkSentinels(t, h, err, c.is)
		})
	}
	t.Run("policy fails", func(t *testing.T) {
		boom := errors.New("bundle unavailable")
		err := h.PolicyFails(boom)
		want := Outcome{Type: "PolicyError", Message: "policy: bundle unavailable"}
		if got := h.outcome(t, err); got != want {
			t.Errorf("got  %+v\nwant %+v", got, want)
		}
		if !errors.Is(err, boom) {
			t.Errorf("%v does not match the policy's error", err)
		}
		checkSentinels(t, h, err, []string{"policy"})
	})
	t.Run("refused by a guard, not by a branch", func(t *testing.T) {
		err := h.Refused()
		got := h.outcome(t, err)
		if got.Type != "GuardError" || got.Field != h.RefusedGuard {
			t.Errorf("got %+v, want a GuardError of guard %s", got, h.RefusedGuard)
		}
		if lifecycle.IsNotTaken(err) {
			t.Errorf("%v: a branch not taken reported as the refusal", err)
		}
		if !errors.Is(err, h.Sentinels["guard"]) {
			t.Errorf("%v does not match ErrGuard", err)
		}
	})
}

func checkSentinels(t *testing.T, h Harness, err error, want []string) {
	t.Helper()
	for name, s := range h.Sentinels {
		exp := false
		for _, w := range want {
			exp = exp || w == name
		}
		if errors.Is(err, s) != exp {
			t.Errorf("%v: errors.Is(%s) = %v, want %v", err, name, !exp, exp)
		}
	}
}
