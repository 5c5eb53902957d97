package sanction_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/sanction"
)

// nationalAssess is Assess built from the national hooks.
func nationalAssess(p sanction.Proposal) (sanction.Assessment, error) {
	var a sanction.Assessment
	a.GroupKey, _ = sanction.NationalGroupKey(p)
	a.Class, _ = sanction.NationalClass(p)
	a.Severity, _ = sanction.NationalSeverity(p)
	if p.Measure.Kind == sanction.KindPayDeduction {
		a.Weight, _ = sanction.NationalDeductionWeight(p)
	}
	return a, nil
}

func TestAssessReplacesTheSingleHooks(t *testing.T) {
	in := []sanction.Proposal{
		prop("c-demerit", commission, zhang, "clue-1", kind(sanction.KindGovernmentDemerit)),
		prop("c-pay", commission, zhang, "clue-1", percent("50")),
		prop("o-admonish", owner, zhang, "clue-1", kind(sanction.KindAdmonishment)),
		prop("o-pay", owner, zhang, "clue-1", percent("30")),
	}
	boom := errors.New("single hook called")
	pol := sanction.Policy{
		Assess:          nationalAssess,
		GroupKey:        func(sanction.Proposal) (string, error) { return "", boom },
		Class:           func(sanction.Proposal) (string, error) { return "", boom },
		Severity:        func(sanction.Proposal) (int, error) { return 0, boom },
		DeductionWeight: func(sanction.Proposal) (sanction.Weight, error) { return sanction.Weight{}, boom },
	}
	got, err := sanction.New(sanction.WithPolicy(pol)).Resolve(in, decided)
	require.NoError(t, err)
	want, err := sanction.Resolve(in, decided)
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

func TestAssessErrors(t *testing.T) {
	in := []sanction.Proposal{prop("c-pay", commission, zhang, "clue-1", percent("50"))}
	fail := errors.New("policy unavailable")
	for _, tc := range []struct {
		name   string
		assess func(sanction.Proposal) (sanction.Assessment, error)
		hook   string
		target error
	}{
		{"error", func(sanction.Proposal) (sanction.Assessment, error) { return sanction.Assessment{}, fail }, "assess", fail},
		{"empty key", func(p sanction.Proposal) (sanction.Assessment, error) {
			a, _ := nationalAssess(p)
			a.GroupKey = ""
			return a, nil
		}, "group_key", sanction.ErrPolicy},
		{"empty class", func(p sanction.Proposal) (sanction.Assessment, error) {
			a, _ := nationalAssess(p)
			a.Class = ""
			return a, nil
		}, "class", sanction.ErrPolicy},
		{"deduction without unit", func(p sanction.Proposal) (sanction.Assessment, error) {
			a, _ := nationalAssess(p)
			a.Weight.Unit = ""
			return a, nil
		}, "deduction_weight", sanction.ErrPolicy},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sanction.New(sanction.WithPolicy(sanction.Policy{Assess: tc.assess})).Resolve(in, decided)
			require.Error(t, err)
			assert.ErrorIs(t, err, sanction.ErrPolicy)
			assert.ErrorIs(t, err, tc.target)
			var pe *sanction.PolicyError
			require.True(t, errors.As(err, &pe))
			assert.Equal(t, tc.hook, pe.Hook)
			assert.Equal(t, id("c-pay"), pe.Proposal)
		})
	}
}
