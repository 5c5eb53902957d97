package clue

import (
	"fmt"
	"log/slog"
)

// Printing a clue never carries reporter identity or investigation detail out: %v, %+v,
// %s and %#v of a Clue, Event, Command, Package or Reporter, and their slog values, show
// them as a viewer granted nothing sees them ([Clue.View]). A log line, an error message or
// a panic that prints one of them reveals nothing confidential.

// withheld is what a Reporter prints as.
const withheld = "withheld"

// String implements fmt.Stringer: the reporter is confidential as a whole.
func (Reporter) String() string { return "Reporter(" + withheld + ")" }

// GoString implements fmt.GoStringer.
func (Reporter) GoString() string { return "clue.Reporter{" + withheld + "}" }

// LogValue implements slog.LogValuer.
func (Reporter) LogValue() slog.Value { return slog.StringValue(withheld) }

// Types without methods, to print the redacted copies with fmt's own formatting.
type (
	plainClue    Clue
	plainEvent   Event
	plainCommand Command
	plainPackage Package
)

func (p Package) redacted() *Package {
	p.Reporters, p.InvestigationDetail, p.Evidence = nil, "", publicEvidence(p.Evidence)
	return &p
}

func (c Command) redacted() Command {
	if c.Package != nil {
		c.Package = c.Package.redacted()
	}
	c.Detail = ""
	if c.Absorbed != nil {
		v := c.Absorbed.View(Actor{}, Grants{})
		c.Absorbed = &v
	}
	return c
}

// String implements fmt.Stringer, without the confidential parts.
func (p Package) String() string { return fmt.Sprintf("%+v", plainPackage(*p.redacted())) }

// GoString implements fmt.GoStringer, without the confidential parts.
func (p Package) GoString() string { return fmt.Sprintf("%#v", plainPackage(*p.redacted())) }

// LogValue implements slog.LogValuer, without the confidential parts.
func (p Package) LogValue() slog.Value { return slog.AnyValue(plainPackage(*p.redacted())) }

// String implements fmt.Stringer, without the confidential parts.
func (c Command) String() string { return fmt.Sprintf("%+v", plainCommand(c.redacted())) }

// GoString implements fmt.GoStringer, without the confidential parts.
func (c Command) GoString() string { return fmt.Sprintf("%#v", plainCommand(c.redacted())) }

// LogValue implements slog.LogValuer, without the confidential parts.
func (c Command) LogValue() slog.Value { return slog.AnyValue(plainCommand(c.redacted())) }

func (e Event) redacted() plainEvent {
	e.Command = e.Command.redacted()
	return plainEvent(e)
}

// String implements fmt.Stringer, without the confidential parts.
func (e Event) String() string { return fmt.Sprintf("%+v", e.redacted()) }

// GoString implements fmt.GoStringer, without the confidential parts.
func (e Event) GoString() string { return fmt.Sprintf("%#v", e.redacted()) }

// LogValue implements slog.LogValuer, without the confidential parts.
func (e Event) LogValue() slog.Value { return slog.AnyValue(e.redacted()) }

func (c Clue) redacted() plainClue { return plainClue(c.View(Actor{}, Grants{})) }

// String implements fmt.Stringer: the clue as a viewer granted nothing sees it.
func (c Clue) String() string { return fmt.Sprintf("%+v", c.redacted()) }

// GoString implements fmt.GoStringer: the clue as a viewer granted nothing sees it.
func (c Clue) GoString() string { return fmt.Sprintf("%#v", c.redacted()) }

// LogValue implements slog.LogValuer: the clue as a viewer granted nothing sees it.
func (c Clue) LogValue() slog.Value { return slog.AnyValue(c.redacted()) }
