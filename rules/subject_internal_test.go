package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/google/uuid"
)

type boundsPerson struct {
	ID   uuid.UUID `json:"id"`
	Name string    `json:"name"`
}

type boundsTask struct {
	Responsible boundsPerson `json:"responsible_person"`
}

type boundsEvidence struct {
	By *boundsPerson `json:"by"`
}

type boundsProblem struct {
	ID       uuid.UUID        `json:"id"`
	Tasks    []boundsTask     `json:"tasks"`
	Evidence []boundsEvidence `json:"evidence"`
	SignOffs []struct {
		Agency uuid.UUID `json:"agency"`
	} `json:"sign_offs"`
}

type boundsSubject struct {
	Recipient *boundsPerson  `json:"recipient"`
	Problem   *boundsProblem `json:"problem"`
}

// Fixed-size byte arrays (uuid.UUID) get their real size as cost-estimate bounds, under the
// CEL path of each, through pointers, lists and nested structs; declared bounds win.
func TestFixedSizeBounds(t *testing.T) {
	s := MustSubject[boundsSubject]("s", SizeBound("s.problem.id", 4))
	for path, want := range map[string]uint64{
		"s.recipient.id": 16,
		"s.problem.tasks.@items.responsible_person.id": 16,
		"s.problem.evidence.@items.by.id":              16,
		"s.problem.sign_offs.@items.agency":            16,
		"s.problem.id":                                 4,
	} {
		assert.Equal(t, want, s.bounds[path], path)
	}
}
