package sanction_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/sanction"
)

// nationalAssess is a PolicyFunc built from the national functions.
func nationalAssess(_ context.Context, pp *sanction.Proposal, _ time.Time) (sanction.Assessment, error) {
	p := *pp
	var a sanction.Assessment
	a.GroupKey, _ = sanction.NationalGroupKey(p)
	a.Class, _ = sanction.NationalClass(p)
	a.Severity, _ = sanction.NationalSeverity(p)
	if p.Measure.Kind == sanction.KindPayDeduction {
		a.Weight, _ = sanction.NationalDeductionWeight(p)
	}
	return a, nil
}

// A Policy computes the four parts at once, in one call per proposal (the shape the CEL
// policies implement); one built from the national functions resolves as national law.
func TestPolicyFuncEqualsNational(t *testing.T) {
	in := []sanction.Proposal{
		prop("c-demerit", commission, zhang, "clue-1", kind(sanction.KindGovernmentDemerit)),
		prop("c-pay", commission, zhang, "clue-1", percent("50")),
		prop("o-admonish", owner, zhang, "clue-1", kind(sanction.KindAdmonishment)),
		prop("o-pay", owner, zhang, "clue-1", percent("30")),
	}
	calls := 0
	pol := sanction.PolicyFunc(func(ctx context.Context, p *sanction.Proposal, at time.Time) (sanction.Assessment, error) {
		calls++
		assert.Equal(t, decided, at, "the rules in force at the decision")
		return nationalAssess(ctx, p, at)
	})
	got, err := sanction.New(sanction.WithPolicy(pol)).Resolve(context.Background(), in, decided)
	require.NoError(t, err)
	want, err := sanction.Resolve(in, decided)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.Equal(t, len(in), calls, "one call per proposal")
}

func TestAssessErrors(t *testing.T) {
	in := []sanction.Proposal{prop("c-pay", commission, zhang, "clue-1", percent("50"))}
	fail := errors.New("policy unavailable")
	for _, tc := range []struct {
		name   string
		assess sanction.PolicyFunc
		hook   string
		target error
	}{
		{"error", func(context.Context, *sanction.Proposal, time.Time) (sanction.Assessment, error) {
			return sanction.Assessment{}, fail
		}, "assess", fail},
		{"empty key", func(ctx context.Context, p *sanction.Proposal, at time.Time) (sanction.Assessment, error) {
			a, _ := nationalAssess(ctx, p, at)
			a.GroupKey = ""
			return a, nil
		}, "group_key", sanction.ErrPolicy},
		{"empty class", func(ctx context.Context, p *sanction.Proposal, at time.Time) (sanction.Assessment, error) {
			a, _ := nationalAssess(ctx, p, at)
			a.Class = ""
			return a, nil
		}, "class", sanction.ErrPolicy},
		{"deduction without unit", func(ctx context.Context, p *sanction.Proposal, at time.Time) (sanction.Assessment, error) {
			a, _ := nationalAssess(ctx, p, at)
			a.Weight.Unit = ""
			return a, nil
		}, "deduction_weight", sanction.ErrPolicy},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sanction.New(sanction.WithPolicy(tc.assess)).Resolve(context.Background(), in, decided)
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

// A nil context is refused before any policy runs; an ended one reaches the policy, whose
// error names the proposal.
func TestResolveContext(t *testing.T) {
	in := []sanction.Proposal{prop("c-pay", commission, zhang, "clue-1", percent("50"))}
	_, err := sanction.New().Resolve(nil, in, decided) //nolint:staticcheck // the nil context is the input under test
	require.ErrorIs(t, err, sanction.ErrNilContext)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = sanction.New(sanction.WithPolicy(sanction.National())).Resolve(ctx, in, decided)
	require.ErrorIs(t, err, context.Canceled)
	var pe *sanction.PolicyError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "assess", pe.Hook)
	assert.Equal(t, id("c-pay"), pe.Proposal)
}

// A nil policy is national law, as a nil option is no option.
func TestNilPolicyAndOption(t *testing.T) {
	in := storyMix()
	want, err := sanction.Resolve(in, decided)
	require.NoError(t, err)
	got, err := sanction.New(sanction.WithPolicy(nil), nil).Resolve(context.Background(), in, decided)
	require.NoError(t, err)
	assert.Equal(t, want, got)
}
