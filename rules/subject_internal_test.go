package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/guantong/guantong/rectification"
)

// Fixed-size byte arrays (uuid.UUID) get their real size as cost-estimate bounds, under the
// CEL path of each, through pointers, lists and nested structs; declared bounds win.
func TestFixedSizeBounds(t *testing.T) {
	s := MustSubject[rectification.Subject]("rectification", SizeBound("rectification.problem.id", 4))
	for path, want := range map[string]uint64{
		"rectification.recommendation.recipient.id":                16,
		"rectification.problem.tasks.@items.responsible_person.id": 16,
		"rectification.problem.evidence.@items.by.id":              16,
		"rectification.problem.sign_offs.@items.agency":            16,
		"rectification.problem.id":                                 4,
	} {
		assert.Equal(t, want, s.bounds[path], path)
	}
}
